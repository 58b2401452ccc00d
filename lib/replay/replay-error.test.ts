import { describe, expect, it } from "vitest";
import { classifyError, formatReplayError, parseReplayError } from "./replay-error";

const withCode = (code: string, message = `failed with ${code}`) =>
  Object.assign(new Error(message), { code });

describe("classifyError", () => {
  it.each([
    ["EHOOKLENS_BLOCKED", "blocked"],
    ["EHOOKLENS_TIMEOUT", "timeout"],
    ["EHOOKLENS_CANCELLED", "cancelled"],
    ["ENOTFOUND", "dns"],
    ["EAI_AGAIN", "dns"],
    ["ECONNREFUSED", "refused"],
    ["EHOSTUNREACH", "unreachable"],
    ["ENETUNREACH", "unreachable"],
    ["ECONNRESET", "reset"],
    ["EPIPE", "reset"],
    ["ETIMEDOUT", "timeout"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls"],
    ["CERT_HAS_EXPIRED", "tls"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls"],
    ["EPROTO", "tls"],
    ["Z_DATA_ERROR", "decode"],
    ["ESOMETHINGELSE", "network"],
  ])("%s is %s", (code, kind) => {
    expect(classifyError(withCode(code))).toEqual({ code: kind, message: `failed with ${code}` });
  });

  it("copes with errors that are not Error objects", () => {
    expect(classifyError("boom")).toEqual({ code: "network", message: "boom" });
    expect(classifyError(null)).toEqual({ code: "network", message: "null" });
    expect(classifyError(withCode("ECONNREFUSED", ""))).toEqual({
      code: "refused",
      message: "ECONNREFUSED",
    });
  });

  it("reads only a string code: an object there is no code", () => {
    const odd = Object.assign(new Error(""), { code: { errno: 111 } });
    expect(classifyError(odd)).toEqual({ code: "network", message: "unknown error" });
  });
});

describe("stored error text", () => {
  it("round-trips code and message, colons included", () => {
    const text = formatReplayError({
      code: "refused",
      message: "connect ECONNREFUSED 127.0.0.1:9: x",
    });
    expect(text).toBe("refused: connect ECONNREFUSED 127.0.0.1:9: x");
    expect(parseReplayError(text)).toEqual({
      code: "refused",
      message: "connect ECONNREFUSED 127.0.0.1:9: x",
    });
  });

  it("reads unknown or missing prefixes as network errors", () => {
    expect(parseReplayError(null)).toBeNull();
    expect(parseReplayError("weird: thing")).toEqual({ code: "network", message: "weird: thing" });
    expect(parseReplayError("no prefix")).toEqual({ code: "network", message: "no prefix" });
  });
});
