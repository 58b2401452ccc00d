import { describe, expect, it } from "vitest";
import { goMarshal } from "./go-json";
import { redactSecrets, REDACTED } from "./redact-secrets";
import { renderDelivery } from "./render-delivery";

type Details = { resource_details: Record<string, unknown> };

describe("redactSecrets: JSON held in strings", () => {
  it("redacts inside a JSON list held in a string", () => {
    const body = goMarshal({ Msg: "x", users: goMarshal([{ name: "a", password: "pw-a" }, 1]) });
    const { text, fields } = redactSecrets(body);
    expect(text).not.toContain("pw-a");
    const users = JSON.parse((JSON.parse(text) as { users: string }).users) as unknown[];
    expect(users).toEqual([{ name: "a", password: REDACTED }, 1]);
    expect(fields).toEqual(["users.0.password"]);
  });

  it("redacts inside JSON after leading whitespace, raw or escaped", () => {
    for (const lead of [" ", "\n\t ", "\r\n"]) {
      const body = goMarshal({ note: `${lead}{"secretKey": "sk-1"}` });
      const { text } = redactSecrets(body);
      expect(text, JSON.stringify(lead)).not.toContain("sk-1");
      expect(JSON.parse((JSON.parse(text) as { note: string }).note)).toEqual({
        secretKey: REDACTED,
      });
    }
  });

  it("redacts inside a string of a string of JSON", () => {
    const inner = goMarshal({ api_key: "ak-123", id: "i" });
    const body = goMarshal({ once: goMarshal(inner), twice: goMarshal(goMarshal(inner)) });
    const { text, fields } = redactSecrets(body);
    expect(text).not.toContain("ak-123");
    const parsed = JSON.parse(text) as { once: string; twice: string };
    const once = JSON.parse(JSON.parse(parsed.once) as string) as unknown;
    const twice = JSON.parse(JSON.parse(JSON.parse(parsed.twice) as string) as string) as unknown;
    expect(once).toEqual({ api_key: REDACTED, id: "i" });
    expect(twice).toEqual({ api_key: REDACTED, id: "i" });
    expect(fields.sort()).toEqual(["once.api_key", "twice.api_key"]);
  });

  it("leaves strings that only look like JSON as they are", () => {
    const body = goMarshal({
      a: "[INFO] password: hunter2",
      b: '{"password": "unterminated',
      c: " [1, 2",
      d: "{not json} password",
    });
    expect(redactSecrets(body)).toEqual({ text: body, fields: [] });
  });
});

describe("redactSecrets: key spellings", () => {
  it("redacts every spelling of a secret key and keeps the platform's other fields", () => {
    const details = {
      id: "s-1",
      adminPassword: "v1",
      secretKey: "v2",
      "db.password": "v3",
      api_key: "v4",
      access_token: "v5",
      private_key: "-----BEGIN v6",
      passwd: "v7",
      "root-passwords": ["v8"],
      // From the platform's server events: these stay.
      login_account: "root",
      keypair: "kp-1",
      account: "cloudroot",
      failed_auth_count: 5,
      password_expires_at: "2027-01-15T00:00:00.000000Z",
      has_password: true,
      is_secret: false,
      public_key: "ssh-ed25519 AAAA",
      secret_id: "AKID-1",
    };
    const delivery = renderDelivery({
      kind: "event",
      event: { action: "create", resource_type: "server", resource_details: details },
    });
    const { text, fields } = redactSecrets(delivery.body);
    for (let i = 1; i <= 8; i++) expect(text).not.toContain(`v${i}`);
    const body = JSON.parse(text) as Details & { Msg: string };
    for (const copy of [
      body.resource_details,
      (JSON.parse(body.Msg) as Details).resource_details,
    ]) {
      expect(copy).toEqual({
        ...details,
        adminPassword: REDACTED,
        secretKey: REDACTED,
        "db.password": REDACTED,
        api_key: REDACTED,
        access_token: REDACTED,
        private_key: REDACTED,
        passwd: REDACTED,
        "root-passwords": REDACTED,
      });
    }
    expect(fields.sort()).toEqual(
      ["access_token", "adminPassword", "api_key", "db.password", "passwd", "private_key"]
        .concat(["root-passwords", "secretKey"])
        .sort(),
    );
  });
});

describe("redactSecrets at the size cap", () => {
  // Rebuilding the text once per secret made this minutes of blocked event loop.
  it("redacts 40,000 secrets in a 1 MB body, and its message copy, in one pass", () => {
    const details: Record<string, unknown> = { id: "s" };
    for (let i = 0; i < 20_000; i++) details[`k${i}_password`] = `s${i}`;
    const delivery = renderDelivery({
      kind: "event",
      event: { action: "create", resource_type: "server", resource_details: details },
    });
    const { text, fields } = redactSecrets(delivery.body);
    expect(fields.length).toBe(20_000);
    const body = JSON.parse(text) as Details & { Msg: string };
    const copy = (JSON.parse(body.Msg) as Details).resource_details;
    for (const values of [Object.values(body.resource_details), Object.values(copy)]) {
      expect(values.filter((value) => value !== REDACTED)).toEqual(["s"]);
    }
  });

  it("redacts JSON strings that each hold a secret, by the thousand", () => {
    const notes = Array.from({ length: 5_000 }, (_, i) => goMarshal({ u: i, password: `p${i}` }));
    const { text } = redactSecrets(goMarshal({ Msg: goMarshal({ notes }), notes }));
    expect(/"p\d+/.test(text) || /\\"p\d+/.test(text)).toBe(false);
  });
});
