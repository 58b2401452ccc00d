import { describe, expect, it } from "vitest";
import { goMarshal } from "./go-json";
import { makeSecretKeyMatcher, redactSecrets, REDACTED } from "./redact-secrets";
import { renderDelivery } from "./render-delivery";

describe("redactSecrets", () => {
  it("redacts the password in the body and in the message string, leaving every other byte", () => {
    const delivery = renderDelivery({
      kind: "event",
      event: { action: "create", resource_type: "server", resource_details: { id: "s", name: "<vm>", password: "p@ss\"w0rd", login_account: "root" } },
    });
    const { text, fields } = redactSecrets(delivery.body);
    expect(fields).toEqual(["password"]);
    expect(text).not.toContain("p@ss");
    const parsed = JSON.parse(text) as Record<string, unknown> & { resource_details: Record<string, unknown>; Msg: string };
    expect(parsed.resource_details.password).toBe(REDACTED);
    expect((JSON.parse(parsed.Msg) as { resource_details: Record<string, unknown> }).resource_details).toEqual({
      id: "s", name: "<vm>", password: REDACTED, login_account: "root",
    });
    // Re-quoted the way Go quotes: the HTML escapes of the original survive.
    expect(text).toContain("\\\\u003cvm\\\\u003e");
    const expected = delivery.body.replace('"p@ss\\"w0rd"', `"${REDACTED}"`);
    expect(text.startsWith(expected.slice(0, 10))).toBe(true);
  });

  it("finds secrets at any depth, in arrays, as numbers, with whitespace", () => {
    const body = `{ "resource_details" : { "nics": [ {"id":"n1", "admin_password" : 12345 } ],
      "db": {"root_password": "x"}, "Secret": "y", "password": null } }`;
    const { text, fields } = redactSecrets(body);
    expect(fields).toEqual(["nics.0.admin_password", "db.root_password", "Secret"]);
    const parsed = JSON.parse(text) as { resource_details: { nics: Array<Record<string, unknown>>; password: null } };
    expect(parsed.resource_details.nics[0]).toEqual({ id: "n1", admin_password: REDACTED });
    expect(parsed.resource_details.password).toBeNull();
    expect(text).toContain('"nics": [ {"id":"n1", "admin_password" : ');
  });

  it("changes nothing when there is no secret", () => {
    const body = goMarshal({ action: "update", resource_details: { id: "x", password_expire_days: 3, keypair: "kp-1" } });
    expect(redactSecrets(body)).toEqual({ text: body, fields: [] });
  });

  it("takes a configured key list", () => {
    const matcher = makeSecretKeyMatcher(["token"]);
    expect(matcher("token")).toBe(true);
    expect(matcher("TOKEN")).toBe(true);
    expect(matcher("db_password")).toBe(true);
    expect(matcher("password_expire_days")).toBe(false);
    expect(redactSecrets('{"token":"abc"}', matcher)).toEqual({ text: `{"token":"${REDACTED}"}`, fields: ["token"] });
  });
});
