import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./verify-signature";

const body = Buffer.from('{"Msg":"中文 body"}');
const token = createHmac("sha256", "key").update(body).digest("hex");

describe("verifySignature", () => {
  it("accepts hex(HMAC-SHA256(secret, exact bytes)) in either case", () => {
    expect(signBody("key", body)).toBe(token);
    expect(verifySignature("key", body, token)).toBe(true);
    expect(verifySignature("key", body, token.toUpperCase())).toBe(true);
  });

  it.each([
    ["another secret", "other", token],
    ["another body", "key", createHmac("sha256", "key").update("{}").digest("hex")],
    ["a missing token", "key", null],
    ["an empty token", "key", ""],
    ["a truncated token", "key", token.slice(0, 63)],
    ["a non-hex token", "key", "z".repeat(64)],
    ["a longer token", "key", token + "00"],
  ])("refuses %s", (_case, secret, given) => {
    expect(verifySignature(secret, body, given)).toBe(false);
  });

  it("is computed over bytes, not re-serialized JSON", () => {
    const spaced = Buffer.from('{ "Msg":"中文 body"}');
    expect(verifySignature("key", spaced, token)).toBe(false);
  });
});
