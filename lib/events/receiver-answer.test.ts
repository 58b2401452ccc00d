import { describe, expect, it } from "vitest";
import { receiverAnswer } from "./receiver-answer";

describe("receiverAnswer", () => {
  it("answers 200 to events, validations and text", () => {
    for (const kind of ["event", "verification", "text"]) {
      expect(receiverAnswer({ kind, signature: "valid", parse_error: null }).status).toBe(200);
      expect(receiverAnswer({ kind, signature: "unsigned", parse_error: null }).status).toBe(200);
    }
  });

  it("answers 401 to a signature that does not match", () => {
    expect(receiverAnswer({ kind: "event", signature: "invalid", parse_error: null })).toEqual({
      status: 401,
      code: "invalid_signature",
      meaning: expect.stringContaining("X-Auth-Token") as string,
    });
  });

  it("answers 400 to a body that is not JSON, before the signature", () => {
    const answer = receiverAnswer({
      kind: "unparsed",
      signature: "invalid",
      parse_error: "Unexpected token",
    });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe("invalid_json");
  });

  it("answers 200 to JSON that is not an object, kept as unparsed", () => {
    const answer = receiverAnswer({
      kind: "unparsed",
      signature: "unsigned",
      parse_error: "body is JSON but not an object",
    });
    expect(answer.status).toBe(200);
  });
});
