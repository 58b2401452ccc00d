/**
 * The notify topics a current platform creates at start (notify.topic_tbl, see
 * pkg/notify/models/topic.go): which resource types and actions each one covers and
 * whether it carries succeeded or failed events. A subscriber is made per topic, so the
 * wizard offers these names; `recommended` marks the default set the product page lists.
 */
export type PlatformTopic = {
  name: string;
  resources: readonly string[];
  actions: readonly string[];
  result: "succeed" | "failed";
  recommended: boolean;
};

function topic(
  name: string,
  resources: string[],
  actions: string[],
  options: { result?: "succeed" | "failed"; recommended?: boolean } = {},
): PlatformTopic {
  return {
    name,
    resources,
    actions,
    result: options.result ?? "succeed",
    recommended: options.recommended ?? true,
  };
}

const OTHER = { recommended: false };

export const PLATFORM_TOPICS: readonly PlatformTopic[] = [
  topic(
    "resource create or delete",
    [
      "server",
      "host",
      "disk",
      "snapshot",
      "image",
      "network",
      "eip",
      "vpc",
      "secgroup",
      "loadbalancer",
      "bucket",
      "dbinstance",
      "elasticcache",
      "project",
    ],
    ["create", "delete", "pending_delete"],
  ),
  topic(
    "resource change config",
    ["server", "host", "dbinstance", "elasticcache"],
    ["change_config"],
  ),
  topic(
    "resource update",
    ["server", "host", "dbinstance", "elasticcache", "user", "project"],
    ["update", "rebuild_root", "reset_password", "change_ipaddr"],
  ),
  topic(
    "resource operation failed",
    ["server", "eip", "loadbalancer", "dbinstance", "elasticcache", "cloudphone"],
    [
      "start",
      "stop",
      "restart",
      "reset",
      "attach",
      "detach",
      "create",
      "sync_status",
      "rebuild_root",
      "change_config",
      "add_backup_server",
      "delete_backup_server",
      "migrate",
    ],
    { result: "failed" },
  ),
  topic(
    "resource operation successed",
    ["server", "cloudphone"],
    ["start", "stop", "restart", "reset", "add_backup_server"],
  ),
  topic(
    "resource sync",
    [
      "server",
      "disk",
      "dbinstance",
      "elasticcache",
      "loadbalancer",
      "eip",
      "vpc",
      "network",
      "bucket",
      "kafka",
      "mongodb",
    ],
    ["sync_create", "sync_update", "sync_delete"],
  ),
  topic("system exception event", ["host", "task"], ["panic", "exception", "offline"], {
    result: "failed",
  }),
  topic(
    "resource release",
    ["server", "disk", "eip", "loadbalancer", "dbinstance", "elasticcache"],
    ["expired_release"],
  ),
  topic("resource attach or detach", ["host", "cloudphone"], ["attach", "detach"]),
  topic("resource status changed", ["server", "host"], ["status_changed"]),
  topic("user lock", ["user"], ["lock"]),
  topic("password expire", ["user"], ["password_expire_soon"]),
  topic("server panicked", ["server"], ["server_panicked"], {
    result: "failed",
    recommended: false,
  }),
  topic("scheduled task execute", ["scheduledtask"], ["execute"], OTHER),
  topic("scaling policy execute", ["scalingpolicy"], ["execute"], OTHER),
  topic("snapshot policy execute", ["snapshotpolicy"], ["execute"], OTHER),
  topic(
    "checksum test failed",
    ["db_table_record", "vm_integrity", "cloudpods_component", "snapshot", "image"],
    ["checksum_test"],
    { result: "failed", recommended: false },
  ),
  topic("action log exceed count", ["action_log"], ["exceed_count"], OTHER),
  topic("cloud account sync status", ["account"], ["sync_account_status"], OTHER),
  topic("net out of sync", ["net"], ["net_out_of_sync"], OTHER),
  topic("mysql out of sync", ["dbinstance"], ["mysql_out_of_sync"], OTHER),
  topic("service abnormal", ["service"], ["service_abnormal"], OTHER),
  topic(
    "isolated device changed",
    ["host"],
    ["isolated_device_create", "isolated_device_update", "isolated_device_delete"],
    OTHER,
  ),
];

export const RECOMMENDED_TOPICS: readonly string[] = PLATFORM_TOPICS.filter(
  (t) => t.recommended,
).map((t) => t.name);

export function findTopic(name: string): PlatformTopic | undefined {
  return PLATFORM_TOPICS.find((t) => t.name === name);
}
