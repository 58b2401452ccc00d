import { describe, expect, it } from "vitest";
import { receiverAnswer } from "./receiver-answer";

const old = { answered_status: null, answered_error: null };

describe("receiverAnswer", () => {
  it("reads the recorded answer when the delivery has one", () => {
    const answer = receiverAnswer({
      kind: "event",
      signature: "invalid",
      parse_error: null,
      answered_status: 401,
      answered_error: "invalid_signature",
    });
    expect(answer).toEqual({
      status: 401,
      code: "invalid_signature",
      meaning: expect.stringContaining("X-Auth-Token") as string,
      recorded: true,
    });
    // An unsigned validation at a signed endpoint is accepted: the record says so.
    const accepted = receiverAnswer({
      kind: "verification",
      signature: "invalid",
      parse_error: null,
      answered_status: 200,
      answered_error: null,
    });
    expect(accepted).toMatchObject({ status: 200, meaning: "accepted", recorded: true });
  });

  it("names an error code it does not know rather than hiding it", () => {
    const answer = receiverAnswer({
      kind: "event",
      signature: "valid",
      parse_error: null,
      answered_status: 422,
      answered_error: "release_mismatch",
    });
    expect(answer.meaning).toBe("refused: release mismatch");
  });

  it("reads older deliveries back by the receiver's rules", () => {
    for (const kind of ["event", "verification", "text"]) {
      expect(receiverAnswer({ kind, signature: "valid", parse_error: null, ...old }).status).toBe(
        200,
      );
    }
    const forged = receiverAnswer({
      kind: "event",
      signature: "invalid",
      parse_error: null,
      ...old,
    });
    expect(forged).toMatchObject({ status: 401, code: "invalid_signature", recorded: false });
    const garbled = receiverAnswer({
      kind: "unparsed",
      signature: "invalid",
      parse_error: "Unexpected token",
      ...old,
    });
    expect(garbled).toMatchObject({ status: 400, code: "invalid_json" });
    const scalar = receiverAnswer({
      kind: "unparsed",
      signature: "unsigned",
      parse_error: "body is JSON but not an object",
      ...old,
    });
    expect(scalar.status).toBe(200);
  });
});
