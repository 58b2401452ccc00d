import { describe, expect, it } from "vitest";
import { RELEASES } from "../cloudpods/detect-release";
import { summarizeEndpointRelease, type RecentDelivery } from "./endpoint-problems";

let nextId = 100;
const row = (overrides: Partial<RecentDelivery>): RecentDelivery => ({
  id: nextId--,
  release: null,
  warnings: null,
  signature_reason: null,
  answered_error: null,
  parse_error: null,
  ...overrides,
});

describe("summarizeEndpointRelease", () => {
  it("says nothing of an endpoint without deliveries", () => {
    expect(summarizeEndpointRelease([])).toEqual({
      release: null,
      release_notes: [],
      problems: [],
    });
  });

  it("names the release its newest deliveries point to, with what follows from it", () => {
    const summary = summarizeEndpointRelease([
      row({ release: RELEASES.r3104plus }),
      row({ release: RELEASES.neverSigns }),
    ]);
    expect(summary.release).toBe(RELEASES.neverSigns);
    expect(summary.release_notes.join(" ")).toMatch(/never sign/);
  });

  it("counts each problem once per delivery, with its newest delivery and its fix", () => {
    const summary = summarizeEndpointRelease([
      row({ id: 9, warnings: '["raw_control_characters","event_fields_overridden:action"]' }),
      row({ id: 8, warnings: '["raw_control_characters"]' }),
      row({ id: 7, warnings: '["redirected_request:GET"]' }),
      row({ id: 6, warnings: '["event_fields_overridden:result"]' }),
    ]);
    expect(summary.problems.map(({ code, count, latest_id }) => [code, count, latest_id])).toEqual([
      ["event_fields_overridden", 2, 9],
      ["raw_control_characters", 2, 9],
      ["redirected_request", 1, 7],
    ]);
    const redirected = summary.problems.find((p) => p.code === "redirected_request");
    expect(redirected?.message).toMatch(/Give the robot the final URL/);
    expect(summary.problems[0]?.message).toContain("(action)");
  });

  it("lists refusals with why: a missing or wrong token, bytes that are not JSON", () => {
    const summary = summarizeEndpointRelease([
      row({ signature_reason: "no_token", answered_error: "invalid_signature" }),
      row({ signature_reason: "token_mismatch", answered_error: "invalid_signature" }),
      row({ answered_error: "invalid_json", parse_error: "Unexpected token" }),
      row({ signature_reason: "unsigned_validation", warnings: '["unsigned_validation"]' }),
    ]);
    const byCode = Object.fromEntries(summary.problems.map((p) => [p.code, p.message]));
    expect(Object.keys(byCode).sort()).toEqual([
      "invalid_json",
      "no_token",
      "token_mismatch",
      "unsigned_validation",
    ]);
    expect(byCode.no_token).toMatch(/^Answered 401.*only 3\.11\.13\+ and 4\.0\+/);
    expect(byCode.token_mismatch).toMatch(/secret_key differs/);
    expect(byCode.invalid_json).toMatch(/^Answered 400.*Unexpected token/);
    expect(byCode.unsigned_validation).toMatch(/address is changed/);
  });

  it("says when the releases seen cannot be one platform, and only then", () => {
    const one = summarizeEndpointRelease([
      row({ release: RELEASES.r3104plus }),
      row({ release: RELEASES.signs }),
      row({ release: null }),
    ]);
    expect(one.problems).toEqual([]);
    const fleet = summarizeEndpointRelease([
      row({ id: 30, release: RELEASES.upTo37 }),
      row({ id: 29, release: RELEASES.r3104plus }),
      row({ id: 28, release: RELEASES.r3104plus }),
      row({ id: 27, release: null }),
    ]);
    expect(fleet.release).toBe(RELEASES.upTo37);
    expect(fleet.problems).toEqual([
      {
        code: "mixed_releases",
        message: expect.stringContaining("(3.10.4+ ×2, up to 3.7 ×1)") as string,
        count: 3,
        latest_id: 30,
      },
    ]);
  });
});
