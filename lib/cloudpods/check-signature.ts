import { verifySignature } from "./verify-signature";

export type SignatureVerdict = {
  signature: "valid" | "invalid" | "unsigned";
  /** Why it is not valid; null when valid, or unsigned at an endpoint without a secret. */
  reason: SignatureReason | null;
};

/**
 * no_token: the endpoint has a secret_key and nothing was signed. token_mismatch: the
 * token is not the HMAC of the bytes under the endpoint's secret. token_without_secret:
 * a token came to an endpoint that has no secret_key, so it was not checked.
 * unsigned_validation: a validation without a token at an endpoint with a secret, which
 * the platform sends when a robot's address is changed (it never has the secret then).
 */
export type SignatureReason =
  "no_token" | "token_mismatch" | "token_without_secret" | "unsigned_validation";

export function checkSignature(options: {
  secretKey: string | null;
  body: Uint8Array;
  token: string | null;
  isVerification: boolean;
  /** A GET/HEAD the platform sent after a 301/302/303: its body was lost on the way, so
   *  there is nothing to verify, and a 401 would only have it re-send into the same
   *  redirect. Kept unsigned and answered 200 at every endpoint. */
  redirected?: boolean;
}): SignatureVerdict {
  const { secretKey, token } = options;
  if (options.redirected) return { signature: "unsigned", reason: null };
  if (!secretKey) {
    return { signature: "unsigned", reason: token ? "token_without_secret" : null };
  }
  if (!token) {
    return options.isVerification
      ? { signature: "unsigned", reason: "unsigned_validation" }
      : { signature: "invalid", reason: "no_token" };
  }
  return verifySignature(secretKey, options.body, token)
    ? { signature: "valid", reason: null }
    : { signature: "invalid", reason: "token_mismatch" };
}

/** Why a signature is not valid, in words. */
export const SIGNATURE_REASON_WORDS: Record<SignatureReason, string> = {
  no_token:
    "No X-Auth-Token was sent, but the endpoint has a secret_key: the robot has none, or its release does not sign (only 3.11.13+ and 4.0+ do).",
  token_mismatch:
    "X-Auth-Token does not match the body: the robot's secret_key differs from the endpoint's, or the body was changed on the way.",
  token_without_secret:
    "X-Auth-Token was sent to an endpoint without a secret_key, so it was not checked.",
  unsigned_validation:
    "A validation without X-Auth-Token: the platform sends it unsigned when a robot's address is changed, so it was accepted.",
};

export function describeSignatureReason(reason: string | null): string | null {
  if (reason === null) return null;
  return (SIGNATURE_REASON_WORDS as Record<string, string>)[reason] ?? reason;
}
