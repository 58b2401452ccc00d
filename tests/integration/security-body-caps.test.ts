import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOnEngine } from "../support/engine-database";
import { TEST_ADMIN_TOKEN, type RunningServer } from "../support/start-server";
import { uploadPart } from "../support/upload";

// Request bodies are capped by route: a few KiB before the admin token is checked, 32 MiB
// after (lib/limits/body-limits.ts). Each upload here stops part-way and waits: a server
// that buffers whole bodies would not answer until its request timeout.
// Its own server, which on a loaded machine takes longer to start than the default allows.
vi.setConfig({ hookTimeout: 300_000 });
let server: RunningServer;
beforeAll(async () => {
  server = await startOnEngine();
});
afterAll(() => server.stop());

const MiB = 1024 * 1024;
const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe("before the admin token is checked", () => {
  it("refuses a login body declared over the cap without waiting for it", async () => {
    const upload = await uploadPart(`${server.baseUrl}/api/auth/login`, {
      declared: 1024 * MiB,
      send: 64 * 1024,
    });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.text)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("refuses a login body of unknown length (chunked) instead of reading it", async () => {
    const upload = await uploadPart(`${server.baseUrl}/api/auth/login`, { send: MiB });
    expect(upload.status).toBe(411);
    expect(JSON.parse(upload.text)).toMatchObject({ error: { code: "length_required" } });
  });

  it("still logs in with a body under the cap", async () => {
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN, padding: "x".repeat(4000) }),
    });
    expect(response.status).toBe(204);
  });
});

describe("after the admin token is checked", () => {
  it("refuses a body declared over 32 MiB without waiting for it", async () => {
    const upload = await uploadPart(`${server.baseUrl}/api/endpoints`, {
      declared: 1024 * MiB,
      send: 64 * 1024,
      headers: bearer,
    });
    expect(upload.status).toBe(413);
  });

  it("answers 413 once a chunked body passes 32 MiB, before the body ends", async () => {
    const upload = await uploadPart(`${server.baseUrl}/api/endpoints`, {
      send: 33 * MiB,
      headers: bearer,
    });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.text)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("still takes an ordinary body", async () => {
    const response = await fetch(`${server.baseUrl}/api/endpoints`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ name: "body-caps" }),
    });
    expect(response.status).toBe(201);
  });
});
