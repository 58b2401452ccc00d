import { describe, expect, it } from "vitest";
import { goMarshal } from "./go-json";
import { redactHeaders } from "./redact-headers";
import { makeSecretKeyMatcher, redactSecrets, REDACTED } from "./redact-secrets";
import { renderDelivery } from "./render-delivery";

describe("redactSecrets", () => {
  it("redacts the password in the body and in the message string, leaving every other byte", () => {
    const delivery = renderDelivery({
      kind: "event",
      event: {
        action: "create",
        resource_type: "server",
        resource_details: { id: "s", name: "<vm>", password: 'p@ss"w0rd', login_account: "root" },
      },
    });
    const { text, fields } = redactSecrets(delivery.body);
    expect(fields).toEqual(["password"]);
    expect(text).not.toContain("p@ss");
    const parsed = JSON.parse(text) as Record<string, unknown> & {
      resource_details: Record<string, unknown>;
      Msg: string;
    };
    expect(parsed.resource_details.password).toBe(REDACTED);
    expect(
      (JSON.parse(parsed.Msg) as { resource_details: Record<string, unknown> }).resource_details,
    ).toEqual({
      id: "s",
      name: "<vm>",
      password: REDACTED,
      login_account: "root",
    });
    // Re-quoted the way the platform's jsonutils quotes: `<` stays as it was sent.
    expect(text).toContain('\\"name\\":\\"<vm>\\"');
  });

  it("finds secrets at any depth, in arrays, as numbers, with whitespace", () => {
    const body = `{ "resource_details" : { "nics": [ {"id":"n1", "admin_password" : 12345 } ],
      "db": {"root_password": "x"}, "Secret": "y", "password": null } }`;
    const { text, fields } = redactSecrets(body);
    expect(fields).toEqual(["nics.0.admin_password", "db.root_password", "Secret"]);
    const parsed = JSON.parse(text) as {
      resource_details: { nics: Array<Record<string, unknown>>; password: null };
    };
    expect(parsed.resource_details.nics[0]).toEqual({ id: "n1", admin_password: REDACTED });
    expect(parsed.resource_details.password).toBeNull();
    expect(text).toContain('"nics": [ {"id":"n1", "admin_password" : ');
  });

  it("changes nothing when there is no secret", () => {
    const body = goMarshal({
      action: "update",
      resource_details: { id: "x", password_expire_days: 3, keypair: "kp-1" },
    });
    expect(redactSecrets(body)).toEqual({ text: body, fields: [] });
  });

  it("takes a configured key list", () => {
    const matcher = makeSecretKeyMatcher(["token"]);
    expect(matcher("token")).toBe(true);
    expect(matcher("TOKEN")).toBe(true);
    expect(matcher("db_password")).toBe(true);
    expect(matcher("password_expire_days")).toBe(false);
    expect(redactSecrets('{"token":"abc"}', matcher)).toEqual({
      text: `{"token":"${REDACTED}"}`,
      fields: ["token"],
    });
  });

  it("redacts a whole object or list held by a secret key, and keeps booleans and null", () => {
    const body = goMarshal({
      resource_details: {
        id: "s",
        secret: { value: "abc", nested: ["x", { y: "z" }] },
        client_secret: ["k1", "k2"],
        has_password: true,
        is_secret: false,
        root_password: null,
        password: -1.5e3,
        tags: [{ password: "in-a-list" }, [{ db_password: "deeper" }]],
      },
    });
    const { text, fields } = redactSecrets(body);
    expect(fields.sort()).toEqual([
      "client_secret",
      "password",
      "secret",
      "tags.0.password",
      "tags.1.0.db_password",
    ]);
    for (const secret of ["abc", "k1", "k2", "in-a-list", "deeper", "1.5e3"])
      expect(text).not.toContain(secret);
    const details = (JSON.parse(text) as { resource_details: Record<string, unknown> })
      .resource_details;
    expect(details).toMatchObject({
      secret: REDACTED,
      client_secret: REDACTED,
      has_password: true,
      is_secret: false,
      root_password: null,
      password: REDACTED,
      tags: [{ password: REDACTED }, [{ db_password: REDACTED }]],
    });
  });

  it("redacts the message copy under a custom msg_key, and a copy nested twice", () => {
    const event = {
      action: "reset_password",
      resource_type: "server",
      resource_details: { id: "s", password: "hunter2" },
    };
    const delivery = renderDelivery(
      { kind: "event", event },
      { msgKey: "payload", body: { note: goMarshal({ again: goMarshal(event) }) } },
    );
    const { text, fields } = redactSecrets(delivery.body);
    expect(text).not.toContain("hunter2");
    // Named relative to resource_details wherever the copy sits, so listed once.
    expect(fields).toEqual(["password"]);
    const body = JSON.parse(text) as { payload: string; note: string };
    expect((JSON.parse(body.payload) as typeof event).resource_details.password).toBe(REDACTED);
    const again = (JSON.parse(body.note) as { again: string }).again;
    expect((JSON.parse(again) as typeof event).resource_details.password).toBe(REDACTED);
  });

  it("finds keys spelled with escapes, and values with escaped quotes and backslashes", () => {
    const body =
      '{"resource_details":{"pass\\u0077ord":"a\\\"b\\\\c","name":"vm \\"pass\\"","PASSWORD":"UPPER"}}';
    const { text, fields } = redactSecrets(body);
    expect(fields).toEqual(["password", "PASSWORD"]);
    const details = (JSON.parse(text) as { resource_details: Record<string, unknown> })
      .resource_details;
    expect(details).toEqual({ password: REDACTED, name: 'vm "pass"', PASSWORD: REDACTED });
  });

  it("keeps huge numbers and unicode byte-exact outside the secret", () => {
    const body =
      '{"resource_details":{"size":123456789012345678901234567890,"name":"主机-1","secret_key":"s3"}}';
    const { text } = redactSecrets(body);
    expect(text).toBe(
      `{"resource_details":{"size":123456789012345678901234567890,"name":"主机-1","secret_key":"${REDACTED}"}}`,
    );
  });
});

describe("redactHeaders", () => {
  const headers: Array<[string, string]> = [
    ["User-Agent", "yunioncloud-go/201708"],
    ["Authorization", "Bearer robot-credential"],
    ["cookie", "session=abc"],
    ["Proxy-Authorization", "Basic eA=="],
    ["X-Auth-Token", "ab".repeat(32)],
  ];

  it("always redacts credential headers, keeping names and order", () => {
    expect(redactHeaders(headers, false)).toEqual([
      ["User-Agent", "yunioncloud-go/201708"],
      ["Authorization", REDACTED],
      ["cookie", REDACTED],
      ["Proxy-Authorization", REDACTED],
      ["X-Auth-Token", "ab".repeat(32)],
    ]);
  });

  it("redacts the signature too once the body was redacted", () => {
    expect(redactHeaders(headers, true).at(-1)).toEqual(["X-Auth-Token", REDACTED]);
  });
});
