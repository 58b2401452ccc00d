import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { adminTokenFile, resolveAdminToken } from "./admin-token";

const folder = () => mkdtempSync(path.join(tmpdir(), "hooklens-admin-token-"));

describe("resolveAdminToken", () => {
  it("takes HOOKLENS_ADMIN_TOKEN when set, and writes nothing", () => {
    const file = path.join(folder(), "admin-token");
    expect(resolveAdminToken({ configured: "configured-token-123456", file })).toEqual({
      token: "configured-token-123456",
      source: "environment",
      file: null,
      generated: false,
    });
    expect(() => statSync(file)).toThrow();
  });

  it("generates a token once, kept 0600 beside the database, then reads it back", () => {
    const file = adminTokenFile(path.join(folder(), "data", "hooklens.db"));
    const first = resolveAdminToken({ file });
    expect(first.generated).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.token);
    const second = resolveAdminToken({ file });
    expect(second).toEqual({ token: first.token, source: "file", file, generated: false });
  });

  it("replaces an empty or too short file instead of accepting a weak token", () => {
    const file = path.join(folder(), "admin-token");
    writeFileSync(file, "short\n");
    const resolved = resolveAdminToken({ file });
    expect(resolved.generated).toBe(true);
    expect(resolved.token.length).toBeGreaterThanOrEqual(43);
  });
});
