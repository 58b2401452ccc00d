import { createHash } from "node:crypto";
import type { HeaderPairs } from "../cloudpods/headers";
import { getHeader } from "../cloudpods/headers";
import { MAX_SECRET_FIELDS, warning } from "../cloudpods/delivery-warnings";
import { detectRelease } from "../cloudpods/detect-release";
import { escapeRawControlCharacters } from "../cloudpods/lenient-json";
import { parseDelivery, parseRedirected, type ParsedDelivery } from "../cloudpods/parse-delivery";
import { redactHeaders } from "../cloudpods/redact-headers";
import { redactSecrets } from "../cloudpods/redact-secrets";
import { checkSignature } from "../cloudpods/check-signature";
import { getDetailsCache } from "../resources/details-cache";
import { eventDetailsOfBody } from "../resources/resource-details-from-body";
import type { ContentEncoder } from "../storage/content-codec";
import type { DeliveryRecord } from "./delivery-record";
import type { IngestContext } from "./ingest-context";

/** What a transport sends back: a status, a JSON body and any extra headers. */
export type ReceiveAnswer = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

/**
 * Every receiver answer is plain JSON and asks proxies not to transform it: the platform
 * fails a send whose answer has a Content-Encoding other than identity, gzip or deflate
 * (a proxy answering br or zstd to its Accept-Encoding: *), even with a 2xx.
 */
export const RECEIVER_ANSWER_HEADERS = {
  "content-type": "application/json",
  "cache-control": "no-store, no-transform",
  "x-content-type-options": "nosniff",
} as const;

const decoder = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function errorAnswer(status: number, code: string, message: string, id?: number): ReceiveAnswer {
  const body: Record<string, unknown> = { error: { code, message } };
  if (id !== undefined) body.id = id;
  return { status, body };
}

/**
 * How much of a refused body the transports still read and throw away before the 413:
 * a client still uploading would otherwise meet a reset connection instead of the
 * answer. Past it the 413 goes at once and the socket closes.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;

export function tooLargeAnswer(maxBytes: number): ReceiveAnswer {
  return errorAnswer(413, "payload_too_large", `Body larger than ${maxBytes} bytes; not kept.`);
}

function pack(bytes: Buffer, headers: HeaderPairs, encoder: ContentEncoder) {
  const headerBytes = Buffer.from(JSON.stringify(headers));
  const packed = { headers: encoder.encode(headerBytes), body: encoder.encode(bytes) };
  if (packed.headers.length + packed.body.length >= headerBytes.length + bytes.length) {
    return { encoding: "identity", headers: headerBytes, body: bytes };
  }
  return { encoding: encoder.encoding, ...packed };
}

type Answer = { status: number; code: string | null; message: string };

/** The answer is settled before writing, so that the delivery records what was said. */
function answerFor(parsed: ParsedDelivery, signature: string): Answer {
  if (parsed.kind === "unparsed" && parsed.payload === null) {
    return {
      status: 400,
      code: "invalid_json",
      message: `Body kept but not understood: ${parsed.parseError}`,
    };
  }
  if (signature === "invalid") {
    return {
      status: 401,
      code: "invalid_signature",
      message: "X-Auth-Token does not match the body; kept and flagged.",
    };
  }
  return { status: 200, code: null, message: "" };
}

/**
 * Receives one delivery at a receiver token, whatever the transport: classifies it
 * (lib/cloudpods), checks the signature over the exact bytes, redacts secrets, and has
 * it written durably before answering.
 */
export async function receiveDelivery(options: {
  context: IngestContext;
  token: string;
  headers: HeaderPairs;
  body: Buffer;
  /** POST, or GET/HEAD (kept as a redirected request, the body ignored). */
  method?: string;
  receivedAt?: number;
}): Promise<ReceiveAnswer> {
  const { context, headers } = options;
  const receivedAt = options.receivedAt ?? Date.now();
  if (options.body.length > context.maxBodyBytes) return tooLargeAnswer(context.maxBodyBytes);
  // Synchronous on SQLite (no extra turn of the loop per delivery), awaited on PostgreSQL.
  const found = context.findEndpoint(options.token);
  const endpoint = found instanceof Promise ? await found : found;
  if (!endpoint || !endpoint.enabled) {
    return errorAnswer(404, "not_found", "No enabled endpoint has this receiver token.");
  }
  const admitted = context.rateLimiter?.take(endpoint.id);
  if (admitted && !admitted.ok) {
    const answer = errorAnswer(
      429,
      "rate_limited",
      `Too many deliveries for this endpoint; not kept. Retry in ${admitted.retryAfterSeconds} s.`,
    );
    return { ...answer, headers: { "retry-after": String(admitted.retryAfterSeconds) } };
  }

  const method = options.method ?? "POST";
  const original = method === "POST" ? decode(options.body) : "";
  const robot = { msgKey: endpoint.msgKey, bodyKeys: endpoint.bodyKeys };
  const parsed =
    method === "POST"
      ? parseDelivery({ headers, text: original, robot, maxDepth: context.maxJsonDepth })
      : parseRedirected(headers, method);
  const token = getHeader(headers, "x-auth-token");
  const { signature, reason: signatureReason } = checkSignature({
    secretKey: endpoint.secretKey,
    body: options.body,
    token,
    isVerification: parsed.kind === "verification",
    redirected: method !== "POST",
  });
  if (signatureReason === "unsigned_validation" || signatureReason === "token_without_secret") {
    parsed.warnings.push(warning(signatureReason));
  }
  const release = detectRelease({
    ...parsed,
    text: parsed.message,
    signed: token !== null,
    endpointHasSecret: endpoint.secretKey !== null && endpoint.secretKey !== "",
  });
  const answer = answerFor(parsed, signature);

  let stored = options.body;
  let secretFields: string[] = [];
  let message = parsed.message;
  if (context.isSecretKey && parsed.payload !== null && original !== null) {
    // The redactor reads strict JSON: a body with raw control characters is redacted in
    // its escaped form (stored that way only when a secret was found).
    const strict = parsed.warnings.includes("raw_control_characters")
      ? (escapeRawControlCharacters(original) ?? original)
      : original;
    const redacted = redactSecrets(strict, context.isSecretKey);
    if (redacted.fields.length > 0) {
      stored = Buffer.from(redacted.text);
      secretFields = redacted.fields.slice(0, MAX_SECRET_FIELDS);
      if (redacted.fields.length > MAX_SECRET_FIELDS) {
        parsed.warnings.push(warning("secret_fields_truncated", [String(redacted.fields.length)]));
      }
      // An event's message is not kept (it is the event again): spare the second parse.
      if (parsed.kind !== "event") {
        message = parseDelivery({ headers, text: redacted.text, robot }).message;
      }
    }
  }

  // Once a secret was redacted, the hash of the original bytes may not be kept either
  // (below: the hash is of the stored bytes). The signature verdict was taken above.
  const storedHeaders = context.isSecretKey
    ? redactHeaders(headers, secretFields.length > 0)
    : headers;

  const details = parsed.resourceDetails;
  const record: DeliveryRecord = {
    endpointId: endpoint.id,
    receivedAt,
    kind: parsed.kind,
    eventType: parsed.eventType,
    resourceType: parsed.resourceType,
    action: parsed.action,
    result: parsed.result,
    resourceId: parsed.resourceId,
    resourceName: parsed.resourceName,
    messageKey: parsed.messageKey,
    message: parsed.kind === "event" ? null : message,
    signature,
    signatureReason,
    method,
    answeredStatus: answer.status,
    answeredError: answer.code,
    release,
    size: options.body.length,
    bodyHash: createHash("sha256").update(stored).digest("hex"),
    parseError: parsed.parseError,
    warnings: parsed.warnings,
    secretFields,
    resourceStatus: typeof details?.status === "string" ? details.status : null,
    ...pack(stored, storedHeaders, context.encoder),
  };
  const { id } = await context.writer.write(record);
  // The body stored as received and already parsed strictly: its resource_details go to
  // the details cache, so that neither the payload index nor the timeline parses it again.
  if (
    parsed.kind === "event" &&
    stored === options.body &&
    signature !== "invalid" &&
    !parsed.warnings.includes("raw_control_characters") &&
    options.body[0] !== 0xef // a BOM, which the decoder drops and a stored-body read does not
  ) {
    const details = eventDetailsOfBody(parsed.payload);
    if (details !== undefined) getDetailsCache().set(id, details, options.body.length);
  }
  if (answer.code === null) return { status: 200, body: { ok: true, id } };
  return errorAnswer(answer.status, answer.code, answer.message, id);
}
