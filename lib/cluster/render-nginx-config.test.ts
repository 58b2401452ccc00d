import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderNginxConfig } from "./render-nginx-config";

const instances = ["127.0.0.1:3001", "127.0.0.1:3002"];

describe("renderNginxConfig", () => {
  it("balances every instance round robin, no sticky sessions, a dead one skipped for 5 s", () => {
    const config = renderNginxConfig({ listen: "0.0.0.0:80", instances });
    expect(config).toContain(
      [
        "upstream hooklens {",
        "    server 127.0.0.1:3001 max_fails=1 fail_timeout=5s;",
        "    server 127.0.0.1:3002 max_fails=1 fail_timeout=5s;",
        "    keepalive 32;",
        "}",
      ].join("\n"),
    );
    expect(config).not.toMatch(/ip_hash|hash |sticky|least_conn/);
    expect(config).toContain("    listen 0.0.0.0:80;");
  });

  it("keeps the Host with its port and tells the instances the client and scheme", () => {
    const config = renderNginxConfig({ listen: "127.0.0.1:8080", instances });
    expect(config).toContain("proxy_set_header Host $http_host;");
    expect(config).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(config).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
  });

  it("passes on only requests that never reached an instance, and leaves bodies to Hooklens", () => {
    const config = renderNginxConfig({ listen: "127.0.0.1:8080", instances });
    expect(config).toContain("proxy_next_upstream error timeout;");
    expect(config).not.toContain("non_idempotent");
    expect(config).toContain("client_max_body_size 16m;");
  });

  it("alone is a server block for a system nginx's http block: no process settings", () => {
    const config = renderNginxConfig({ listen: "127.0.0.1:8080", instances });
    expect(config.startsWith("upstream hooklens {")).toBe(true);
    expect(config).not.toMatch(/daemon|master_process|pid |error_log|http \{|X-Hooklens-Instance/);
  });

  it("with a scratch folder is a whole foreground configuration kept inside that folder", () => {
    const config = renderNginxConfig({
      listen: "127.0.0.1:8080",
      instances,
      scratch: "/tmp/hooklens-nginx-x",
    });
    expect(config).toMatch(
      /^daemon off;\nmaster_process off;\npid \/tmp\/hooklens-nginx-x\/nginx.pid;/,
    );
    expect(config).toContain("error_log /tmp/hooklens-nginx-x/error.log warn;");
    for (const kind of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
      expect(config).toContain(`${kind}_temp_path /tmp/hooklens-nginx-x/${kind};`);
    expect(config).toContain("add_header X-Hooklens-Instance $upstream_addr always;");
    expect(config.match(/\{/g)?.length).toBe(config.match(/\}/g)?.length);
  });

  it("refuses what would break the configuration", () => {
    expect(() => renderNginxConfig({ listen: "127.0.0.1:8080", instances: [] })).toThrow(
      "at least one instance",
    );
    expect(() =>
      renderNginxConfig({ listen: "127.0.0.1:8080", instances: ["127.0.0.1:3001; evil"] }),
    ).toThrow('instance "127.0.0.1:3001; evil" is not host:port');
    expect(() => renderNginxConfig({ listen: "8080", instances })).toThrow(
      'listen address "8080" is not host:port',
    );
    expect(() =>
      renderNginxConfig({ listen: "127.0.0.1:8080", instances, scratch: "/tmp/a b" }),
    ).toThrow("needs quoting");
    expect(renderNginxConfig({ listen: "[::1]:8080", instances: ["[::1]:3001"] })).toContain(
      "server [::1]:3001 ",
    );
  });

  it("is what the README shows", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const shown = renderNginxConfig({
      listen: "0.0.0.0:80",
      instances: ["10.0.0.11:3000", "10.0.0.12:3000"],
    });
    expect(readme).toContain("```nginx\n" + shown + "```\n");
  });
});
