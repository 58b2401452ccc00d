import type { ParsedDelivery } from "../cloudpods/parse-delivery";

/** One delivery ready to be written: what ingest hands to the writer. */
export type DeliveryRecord = Pick<
  ParsedDelivery,
  | "eventType"
  | "resourceType"
  | "action"
  | "result"
  | "resourceId"
  | "resourceName"
  | "messageKey"
  | "message"
  | "parseError"
> & {
  endpointId: string;
  receivedAt: number;
  kind: string;
  signature: "valid" | "invalid" | "unsigned";
  /** Why the signature is not valid (lib/cloudpods/check-signature.ts), else null. */
  signatureReason: string | null;
  /** POST, or GET/HEAD after the platform followed a redirect. */
  method: string;
  /** What the receiver answered: the status and, for a refusal, its error code. */
  answeredStatus: number;
  answeredError: string | null;
  /** The platform release range the delivery's shape points to, when it tells. */
  release: string | null;
  size: number;
  bodyHash: string;
  warnings: string[];
  secretFields: string[];
  /** Latest status from resource_details, for the resources table. */
  resourceStatus: string | null;
  /** "identity" or "zstd:<dictionary id>" (lib/storage/content-codec.ts). */
  encoding: string;
  headers: Buffer;
  body: Buffer;
};

export type StoredDelivery = { id: number; duplicateOf: number | null };
