import { randomBytes } from "node:crypto";

/** 192 random bits, URL-safe: the receiver token is the only key to the receiver. */
export function newReceiverToken(): string {
  return randomBytes(24).toString("base64url");
}

export function newEndpointId(): string {
  return "ep_" + randomBytes(9).toString("base64url");
}
