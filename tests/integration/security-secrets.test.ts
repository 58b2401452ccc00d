import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "../../lib/cloudpods/redact-secrets";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { startOnEngine, type DatabaseLocation } from "../support/engine-database";
import { TEST_ADMIN_TOKEN, type RunningServer } from "../support/start-server";
import { eventually } from "../support/deliveries";
import { storedRows, storedTextAt } from "../support/stored-text";
import { TRANSPORTS } from "../support/transports";

type Detail = {
  headers: Array<[string, string]>;
  body: string;
  payload: unknown;
  message: string | null;
  secret_fields: string[];
  signature: string;
  duplicate_of: number | null;
};

const secretEvent = (password: string, extra: Record<string, unknown> = {}): EventMessage => ({
  action: "create",
  resource_type: "server",
  resource_details: {
    id: `vm-${randomBytes(4).toString("hex")}`,
    name: "vm-1",
    password,
    login_account: "root",
    nics: [{ mac: "00:22", admin_password: 735_019 }],
    secret: { value: `${password}-in-object` },
    ...extra,
  },
});

describe.each(TRANSPORTS)("secrets in deliveries via %s", (_name, base) => {
  it("are redacted before storage: body, message copy, payload, signature and credential headers, export", async () => {
    const baseUrl = base();
    const password = `Pw-${randomBytes(6).toString("hex")}`;
    const secretKey = "robot-secret-key-value";
    const endpoint = await createEndpoint(baseUrl, { secret_key: secretKey });
    // A robot `header` may carry a credential for the receiver: not kept either.
    const credential = `robot-credential-${randomBytes(4).toString("hex")}`;
    const delivery = renderDelivery(
      { kind: "event", event: secretEvent(password) },
      { secretKey, header: { Authorization: `Bearer ${credential}` } },
    );
    const sent = await sendDelivery(endpoint.receiver_url, delivery);
    expect(sent.status).toBe(200);

    const { body: detail } = await api<Detail>(baseUrl, `/api/events/${String(sent.body.id)}`);
    expect(detail.signature).toBe("valid");
    expect(detail.secret_fields.sort()).toEqual(["nics.0.admin_password", "password", "secret"]);
    const shown = JSON.stringify(detail);
    expect(shown).not.toContain(password);
    expect(shown).not.toContain("735019");
    expect(shown).not.toContain(credential);
    // The HMAC of the original bytes would let a guessed password be checked offline.
    const signatureHeader = delivery.headers.find(([name]) => name === "X-Auth-Token")![1];
    expect(shown).not.toContain(signatureHeader);
    // The route handler sees header names lower-cased.
    expect(detail.headers.find(([name]) => name.toLowerCase() === "x-auth-token")?.[1]).toBe(
      REDACTED,
    );
    expect(detail.payload).toMatchObject({
      resource_details: { password: REDACTED, login_account: "root" },
    });
    const copy = JSON.parse((detail.payload as { Msg: string }).Msg) as EventMessage;
    expect(copy.resource_details.password).toBe(REDACTED);

    const exported = await fetch(`${baseUrl}/api/events/export?endpoint=${endpoint.id}`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(exported.status).toBe(200);
    expect(await exported.text()).not.toContain(password);
  });

  it("still recognises the platform's re-send of a redacted delivery as a duplicate", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const delivery = renderDelivery({
      kind: "event",
      event: secretEvent(`Pw-${randomBytes(6).toString("hex")}`),
    });
    const first = await sendDelivery(endpoint.receiver_url, delivery);
    const again = await sendDelivery(endpoint.receiver_url, delivery);
    const { body } = await api<Detail>(baseUrl, `/api/events/${String(again.body.id)}`);
    expect(body.duplicate_of).toBe(first.body.id);
  });

  it("redacts every one of many secrets and names the first hundred, saying how many there were", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const many = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`k${i}_password`, `pw-many-${i}`]),
    );
    const sent = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "event", event: secretEvent("Pw-many", many) }),
    );
    expect(sent.status).toBe(200);
    const { body: detail } = await api<Detail & { warnings: string[] }>(
      baseUrl,
      `/api/events/${String(sent.body.id)}`,
    );
    expect(detail.secret_fields).toHaveLength(100);
    expect(detail.warnings).toContain("secret_fields_truncated:153");
    expect(JSON.stringify(detail)).not.toMatch(/pw-many-\d/);
  });

  it("never returns an endpoint's secret_key", async () => {
    const baseUrl = base();
    const secretKey = `sk-${randomBytes(8).toString("hex")}`;
    const endpoint = await createEndpoint(baseUrl, { secret_key: secretKey });
    const views = [
      JSON.stringify(endpoint),
      JSON.stringify((await api(baseUrl, "/api/endpoints")).body),
      JSON.stringify((await api(baseUrl, `/api/endpoints/${endpoint.id}`)).body),
      JSON.stringify(
        (
          await api(baseUrl, `/api/endpoints/${endpoint.id}`, {
            method: "PATCH",
            json: { name: "renamed" },
          })
        ).body,
      ),
    ];
    for (const view of views) expect(view).not.toContain(secretKey);
    expect(
      (await api<{ has_secret_key: boolean }>(baseUrl, `/api/endpoints/${endpoint.id}`)).body
        .has_secret_key,
    ).toBe(true);
  });
});

const dictionaries = async (location: DatabaseLocation) =>
  (
    await storedRows<{ n: number }>(location, "SELECT count(*) AS n FROM compression_dictionaries")
  )[0]!.n;

// On either engine; the raw bytes of SQLite's file and WAL are checked too (PostgreSQL's
// files are its server's, compressed and laid out its own way).
describe("what the database file holds", () => {
  let redacting: Awaited<ReturnType<typeof startOnEngine>>;
  let plain: Awaited<ReturnType<typeof startOnEngine>>;
  beforeAll(async () => {
    [redacting, plain] = await Promise.all([
      // It learns its contents' dictionary from its own (redacted) deliveries after 20.
      startOnEngine({
        env: {
          HOOKLENS_REDACT_KEYS: "password,login_account",
          HOOKLENS_DICTIONARY_LEARN_AFTER: "20",
        },
      }),
      startOnEngine({ env: { HOOKLENS_REDACT: "off" } }),
    ]);
  });
  afterAll(() => Promise.all([redacting.stop(), plain.stop()]));

  const sendSecret = async (server: RunningServer) => {
    const password = `Pw-${randomBytes(6).toString("hex")}`;
    const endpoint = await createEndpoint(server.baseUrl, { secret_key: "robot-secret-key-value" });
    const event = secretEvent(password, { login_account: `acct-${password}` });
    const sent = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "event", event }, { secretKey: "robot-secret-key-value" }),
    );
    expect(sent.status).toBe(200);
    return password;
  };

  it("has no trace of a redacted secret in any table, decoded, nor in the raw file and its WAL", async () => {
    const passwords = [];
    for (let i = 0; i < 21; i++) passwords.push(await sendSecret(redacting));
    // The dictionary learned from those deliveries, and one compressed with it.
    await eventually(async () => expect(await dictionaries(redacting.location)).toBe(2), 20_000);
    passwords.push(await sendSecret(redacting));
    const text = await storedTextAt(redacting.location);
    expect(text).toContain("vm-1");
    const { location } = redacting;
    const files = "file" in location ? [location.file, `${location.file}-wal`] : [];
    for (const password of passwords) {
      expect(text).not.toContain(password);
      for (const file of files) {
        expect(readFileSync(file).includes(Buffer.from(password))).toBe(false);
      }
    }
  });

  it("keeps secrets when HOOKLENS_REDACT is off: the documented risk", async () => {
    const password = await sendSecret(plain);
    expect(await storedTextAt(plain.location)).toContain(password);
  });
});
