import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it, vi } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { sendDelivery } from "../support/api";
import { logIn, rawRequest } from "../support/auth";
import { serversPerTest } from "../support/servers-per-test";
import { TEST_ADMIN_TOKEN } from "../support/start-server";

// Each test starts servers of its own: on a loaded machine that outlasts the default.
vi.setConfig({ testTimeout: 180_000 });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const startServer = serversPerTest();

// A generated token is kept in a file beside SQLite's database, by nature one machine's:
// PostgreSQL (cluster mode) refuses to start without HOOKLENS_ADMIN_TOKEN instead, so that
// every instance checks the same one (postgres-start.test.ts checks that refusal).
const onSqlite = inject("engine") === "sqlite" ? it : it.skip;
const generated =
  "is generated once, printed once with a login link, kept beside the database, and rotates with its file";

describe("the admin token when HOOKLENS_ADMIN_TOKEN is unset", () => {
  onSqlite(generated, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hooklens-token-"));
    const databaseFile = path.join(dir, "hooklens.db");
    const env = { HOOKLENS_ADMIN_TOKEN: "" };

    const first = await startServer({ databaseFile, env });
    const file = path.join(dir, "admin-token");
    const token = readFileSync(file, "utf8").trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.output()).toContain(`/login#token=${token}`);
    expect(
      (await rawRequest(`${first.baseUrl}/api/events`, { headers: bearer(token) })).status,
    ).toBe(200);
    const cookie = await logIn(first.baseUrl, token);
    // The receiver is open to its token with no admin token at all.
    expect(
      (await sendDelivery(first.receiverUrl, renderDelivery({ kind: "text", text: "hi" }))).status,
    ).toBe(200);
    await first.stop();

    const second = await startServer({ databaseFile, env });
    expect(second.output()).not.toContain(token);
    expect(second.output()).toContain(`Admin token: kept in ${file}`);
    expect((await rawRequest(`${second.baseUrl}/api/events`, { headers: { cookie } })).status).toBe(
      200,
    );
    await second.stop();

    rmSync(file);
    const third = await startServer({ databaseFile, env });
    const rotated = readFileSync(file, "utf8").trim();
    expect(rotated).not.toBe(token);
    expect(
      (await rawRequest(`${third.baseUrl}/api/events`, { headers: bearer(token) })).status,
    ).toBe(401);
    expect((await rawRequest(`${third.baseUrl}/api/events`, { headers: { cookie } })).status).toBe(
      401,
    );
    expect(
      (await rawRequest(`${third.baseUrl}/api/events`, { headers: bearer(rotated) })).status,
    ).toBe(200);
    await third.stop();
  });

  it("refuses to start with a configured token shorter than 16 characters", async () => {
    await expect(startServer({ env: { HOOKLENS_ADMIN_TOKEN: "short" } })).rejects.toThrow(
      /HOOKLENS_ADMIN_TOKEN/,
    );
  });
});

describe("wrong admin tokens", () => {
  it("are limited per address: past the limit a wrong token waits for its 429, the right one never does", async () => {
    const server = await startServer({ env: { HOOKLENS_AUTH_FAILURES_PER_MINUTE: "5" } });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await rawRequest(`${server.baseUrl}/api/events`, {
            headers: bearer(`wrong-token-${i}-0123456789`),
          })
        ).status,
      ).toBe(401);
    }
    const askedAt = Date.now();
    const limited = await rawRequest(`${server.baseUrl}/api/events`, {
      headers: bearer("wrong-token-x-0123456789"),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Slowed down: the refusal is held back for a second (AUTH_FAILURE_DELAY_MS).
    expect(Date.now() - askedAt).toBeGreaterThanOrEqual(950);
    const wrongLogin = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "wrong-token-y-0123456789" }),
    });
    expect(wrongLogin.status).toBe(429);

    // The admin is never locked out: the right token passes from the same address.
    expect(
      (await rawRequest(`${server.baseUrl}/api/events`, { headers: bearer(TEST_ADMIN_TOKEN) }))
        .status,
    ).toBe(200);
    const login = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(login.status).toBe(204);
    expect((await rawRequest(`${server.baseUrl}/api/events`)).status).toBe(401);
    expect(
      (await sendDelivery(server.receiverUrl, renderDelivery({ kind: "text", text: "hi" }))).status,
    ).toBe(200);
  });
});
