/**
 * The nginx configuration that puts Hooklens instances behind one address (cluster mode,
 * docs/cluster.md): round robin with no sticky sessions, since every instance serves every
 * request alike. Used by `npm run cluster` and the cluster test, and printed in the README's
 * example, so that what is tested is what the documentation shows.
 */
export type NginxClusterOptions = {
  /** Where nginx listens, `127.0.0.1:8080`. */
  listen: string;
  /** The instances, `127.0.0.1:3001`. */
  instances: string[];
  /** Runs nginx in the foreground as one process writing its pid, logs and buffered bodies
   *  under this folder (a test's or `npm run cluster`'s); unset: a `server` block to
   *  include from a system nginx's http block. */
  scratch?: string;
};

const ADDRESS = /^[\w.-]+:\d{1,5}$|^\[[\da-f:.]+\]:\d{1,5}$/i;

function checkAddress(address: string, what: string): string {
  if (!ADDRESS.test(address)) throw new Error(`${what} "${address}" is not host:port`);
  return address;
}

function serverBlock(options: NginxClusterOptions, indent: string): string[] {
  // Which instance answered, for trying a cluster locally; not for a public address.
  const local = options.scratch
    ? ["        add_header X-Hooklens-Instance $upstream_addr always;"]
    : [];
  const lines = [
    "upstream hooklens {",
    // A dead instance is skipped for 5 s after one failed connection, then tried again.
    ...options.instances.map(
      (instance) => `    server ${checkAddress(instance, "instance")} max_fails=1 fail_timeout=5s;`,
    ),
    "    keepalive 32;",
    "}",
    "",
    "server {",
    `    listen ${checkAddress(options.listen, "listen address")};`,
    // Above the receiver's own limit (HOOKLENS_MAX_BODY_BYTES, 1 MiB by default): Hooklens
    // answers an oversized delivery itself, with its own 413 and error shape.
    "    client_max_body_size 16m;",
    "",
    "    location / {",
    "        proxy_pass http://hooklens;",
    "        proxy_http_version 1.1;",
    '        proxy_set_header Connection "";',
    "        proxy_set_header Host $http_host;",
    "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "        proxy_set_header X-Forwarded-Proto $scheme;",
    // A connection refused or reset before a request was sent goes to the next instance;
    // a delivery already sent to an instance that died is not sent twice (nginx never
    // repeats a POST unless told to): the platform's own retry sends it again.
    "        proxy_next_upstream error timeout;",
    // Nothing for the live streams (Server-Sent Events): they send X-Accel-Buffering: no,
    // which turns nginx's buffering off for them, and a heartbeat well inside nginx's 60 s
    // read timeout.
    ...local,
    "    }",
    "}",
  ];
  return lines.map((line) => (line ? indent + line : line));
}

export function renderNginxConfig(options: NginxClusterOptions): string {
  if (options.instances.length === 0) throw new Error("at least one instance is needed");
  if (!options.scratch) return serverBlock(options, "").join("\n") + "\n";
  const scratch = options.scratch;
  if (/[\s;{}"']/.test(scratch)) throw new Error(`scratch folder "${scratch}" needs quoting`);
  return [
    "daemon off;",
    "master_process off;",
    `pid ${scratch}/nginx.pid;`,
    `error_log ${scratch}/error.log warn;`,
    "",
    "events {",
    "    worker_connections 1024;",
    "}",
    "",
    "http {",
    "    access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
      (kind) => `    ${kind}_temp_path ${scratch}/${kind};`,
    ),
    "",
    ...serverBlock(options, "    "),
    "}",
    "",
  ].join("\n");
}
