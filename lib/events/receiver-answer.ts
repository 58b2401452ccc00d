import type { DeliverySummary } from "./delivery-summary";

/**
 * What the receiver answered a kept delivery: the stored status and error code
 * (answered_status, answered_error), or, for deliveries kept before those were recorded,
 * the answer read back from kind, signature and parse error by the receiver's own rules
 * (README, "The receiver"); `recorded` tells which.
 */
export type ReceiverAnswer = {
  status: number;
  code: string | null;
  meaning: string;
  recorded: boolean;
};

type Answered = Pick<
  DeliverySummary,
  "kind" | "signature" | "parse_error" | "answered_status" | "answered_error"
>;

const MEANING: Record<string, string> = {
  invalid_json: "kept, but the body is not JSON the receiver could read",
  invalid_signature: "kept and flagged: X-Auth-Token does not match the body",
};

// parse-delivery keeps JSON that is not an object as unparsed but answers it 200.
const JSON_NOT_OBJECT = "body is JSON but not an object";

function derivedCode(delivery: Answered): string | null {
  if (delivery.kind === "unparsed" && delivery.parse_error !== JSON_NOT_OBJECT) {
    return "invalid_json";
  }
  return delivery.signature === "invalid" ? "invalid_signature" : null;
}

const DERIVED_STATUS: Record<string, number> = { invalid_json: 400, invalid_signature: 401 };

export function receiverAnswer(delivery: Answered): ReceiverAnswer {
  const recorded = delivery.answered_status !== null;
  const code = recorded ? delivery.answered_error : derivedCode(delivery);
  const status = recorded
    ? (delivery.answered_status ?? 200)
    : code === null
      ? 200
      : (DERIVED_STATUS[code] ?? 200);
  const meaning =
    code === null ? "accepted" : (MEANING[code] ?? `refused: ${code.replace(/_/g, " ")}`);
  return { status, code, meaning, recorded };
}
