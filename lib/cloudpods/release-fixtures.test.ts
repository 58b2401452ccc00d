import { describe, expect, it } from "vitest";
import { loadReleaseFixtures } from "../../tests/support/release-fixtures";
import { checkSignature } from "./check-signature";
import { detectRelease } from "./detect-release";
import { getHeader } from "./headers";
import { parseDelivery, parseRedirected } from "./parse-delivery";

const FIELDS: Record<string, string> = {
  kind: "kind",
  event_type: "eventType",
  resource_type: "resourceType",
  action: "action",
  result: "result",
  resource_id: "resourceId",
  resource_name: "resourceName",
  message_key: "messageKey",
  message: "message",
};

/** Warnings the receiver adds from the signature check, not from the body. */
const SIGNATURE_WARNINGS = new Set(["unsigned_validation", "token_without_secret"]);

describe.each(loadReleaseFixtures())("release fixture $name", (fixture) => {
  const robot = {
    msgKey: fixture.endpoint?.msg_key,
    bodyKeys: Object.keys(fixture.endpoint?.body ?? {}),
  };
  const parsed =
    fixture.method === "POST"
      ? parseDelivery({ headers: fixture.headers, text: fixture.body, robot })
      : parseRedirected(fixture.headers, fixture.method);
  const token = getHeader(fixture.headers, "x-auth-token");
  const verdict = checkSignature({
    secretKey: fixture.endpoint?.secret_key ?? null,
    body: Buffer.from(fixture.body),
    token,
    isVerification: parsed.kind === "verification",
    redirected: fixture.method !== "POST",
  });

  it(`is classified as expected (${fixture.note})`, () => {
    for (const [field, key] of Object.entries(FIELDS)) {
      if (field in fixture.expect) {
        expect((parsed as Record<string, unknown>)[key], field).toEqual(fixture.expect[field]);
      }
    }
    if (Array.isArray(fixture.expect.warnings)) {
      const fromBody = (fixture.expect.warnings as string[]).filter(
        (code) => !SIGNATURE_WARNINGS.has(code),
      );
      expect(parsed.warnings).toEqual(fromBody);
    }
  });

  it("gets the expected signature verdict", () => {
    if ("signature" in fixture.expect) expect(verdict.signature).toBe(fixture.expect.signature);
    if ("signature_reason" in fixture.expect) {
      expect(verdict.reason).toBe(fixture.expect.signature_reason);
    }
  });

  it("is told to come from the expected release", () => {
    const release = detectRelease({
      ...parsed,
      text: parsed.message,
      signed: token !== null,
      endpointHasSecret: Boolean(fixture.endpoint?.secret_key),
    });
    if ("release" in fixture.expect) expect(release).toBe(fixture.expect.release);
  });
});
