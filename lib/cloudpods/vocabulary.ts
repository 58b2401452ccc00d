/**
 * The platform's vocabulary (pkg/apis/notify/event.go and the product page). Both lists
 * are open: unknown values are stored and shown like known ones.
 */
export const KNOWN_ACTIONS = [
  "create",
  "delete",
  "pending_delete",
  "update",
  "rebuild_root",
  "reset_password",
  "change_config",
  "resize",
  "expired_release",
  "execute",
  "change_ipaddr",
  "sync_status",
  "clean_data",
  "migrate",
  "add_backup_server",
  "delete_backup_server",
  "sync_create",
  "sync_update",
  "sync_delete",
  "sync_account_status",
  "offline",
  "panic",
  "exception",
  "lock",
  "exceed_count",
  "password_expire_soon",
  "checksum_test",
  "woker_block",
  "net_out_of_sync",
  "mysql_out_of_sync",
  "service_abnormal",
  "server_panicked",
  "attach",
  "detach",
  "host_down",
  "host_down_auto_migrate",
  "isolated_device_create",
  "isolated_device_update",
  "isolated_device_delete",
  "status_changed",
  "start",
  "stop",
  "reset",
  "restart",
  "run_task",
] as const;

export const KNOWN_RESOURCE_TYPES = [
  "server",
  "host",
  "baremetal",
  "disk",
  "snapshot",
  "instance_snapshot",
  "snapshotpolicy",
  "image",
  "scalinggroup",
  "scalingpolicy",
  "scheduledtask",
  "network",
  "eip",
  "vpc",
  "secgroup",
  "natgateway",
  "dns_zone",
  "dns_recordset",
  "cdn_domain",
  "waf_instance",
  "loadbalancer",
  "loadbalanceracl",
  "loadbalancercertificate",
  "loadbalancerlistener",
  "loadbalancerbackendgroup",
  "bucket",
  "file_system",
  "dbinstance",
  "elasticcache",
  "kafka",
  "elastic_search",
  "mongodb",
  "user",
  "project",
  "account",
  "task",
  "db_table_record",
  "cloudpods_component",
  "vm_integrity",
  "action_log",
  "net",
  "service",
  "worker",
  "webapp",
  "cloudphone",
  "llm",
] as const;

/** Actions whose resource_details is the bare database row, not the details view. */
export const BARE_ROW_ACTIONS: ReadonlySet<string> = new Set(["delete", "sync_delete"]);

/** The body key that holds the message when a robot has no msg_key. */
export const DEFAULT_MESSAGE_KEY = "Msg";

export const MSG_KEY_MAX_LENGTH = 16;
export const SECRET_KEY_MAX_LENGTH = 128;

/** The message texts a validation carries: current releases, 3.8-3.9 and 3.10.0-3.10.3 send
 *  the first (3.8-3.9 with `X-Yunion-Event: VALIDATE`, 3.10 with it empty), the product page
 *  shows the second. */
export const VERIFICATION_TEXTS = [
  "This is a verification message, please ignore.",
  "This is a validate message.",
];
