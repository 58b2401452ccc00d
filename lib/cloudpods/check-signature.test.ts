import { describe, expect, it } from "vitest";
import { checkSignature } from "./check-signature";
import { signBody } from "./verify-signature";

const body = Buffer.from('{"Msg":"This is a verification message, please ignore."}');

describe("checkSignature", () => {
  it("is valid when the token is the HMAC of the exact bytes", () => {
    const token = signBody("k", body);
    expect(checkSignature({ secretKey: "k", body, token, isVerification: false })).toEqual({
      signature: "valid",
      reason: null,
    });
  });

  it("says a token that does not match is a mismatch, validation or not", () => {
    const token = signBody("other", body);
    for (const isVerification of [true, false]) {
      expect(checkSignature({ secretKey: "k", body, token, isVerification })).toEqual({
        signature: "invalid",
        reason: "token_mismatch",
      });
    }
  });

  it("refuses an event without a token at an endpoint with a secret", () => {
    expect(checkSignature({ secretKey: "k", body, token: null, isVerification: false })).toEqual({
      signature: "invalid",
      reason: "no_token",
    });
  });

  it("accepts a validation without a token as unsigned, saying why", () => {
    expect(checkSignature({ secretKey: "k", body, token: null, isVerification: true })).toEqual({
      signature: "unsigned",
      reason: "unsigned_validation",
    });
  });

  it("notes a token sent to an endpoint without a secret, and nothing when neither", () => {
    expect(checkSignature({ secretKey: null, body, token: "ab", isVerification: false })).toEqual({
      signature: "unsigned",
      reason: "token_without_secret",
    });
    expect(checkSignature({ secretKey: null, body, token: null, isVerification: false })).toEqual({
      signature: "unsigned",
      reason: null,
    });
  });

  it("checks nothing of a redirected GET or HEAD, whose body was lost on the way", () => {
    const empty = new Uint8Array();
    const verdict = { signature: "unsigned", reason: null };
    const lost = { secretKey: "k", body: empty, isVerification: false, redirected: true };
    expect(checkSignature({ ...lost, token: null })).toEqual(verdict);
    expect(checkSignature({ ...lost, token: "ab" })).toEqual(verdict);
  });
});
