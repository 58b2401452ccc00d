import { describe, expect, it } from "vitest";
import { generateSecret } from "./generate-secret";
import {
  emptyForm,
  formFromEndpoint,
  formToFields,
  newRow,
  robotErrors,
  type RobotForm,
} from "./robot-form";
import { nextTicks, tickState, type Ticks, type WatchedDelivery } from "./verification-ticks";
import { parseWizardParams, wizardHref } from "./wizard-params";

const creating = { editing: false, hasStoredSecret: false };

function form(patch: Partial<RobotForm>): RobotForm {
  return { ...emptyForm(["resource update"]), name: "prod", ...patch };
}

describe("formToFields", () => {
  it("builds the API's fields from rows, typed values and the secret", () => {
    const { fields, errors } = formToFields(
      form({
        headerRows: [newRow("X-Team", "ops"), newRow("", "")],
        bodyRows: [newRow("env", "prod"), newRow("n", "3", true), newRow("tags", '["a"]', true)],
        msgKey: "content",
        secretKey: "s",
      }),
      creating,
    );
    expect(errors).toEqual({});
    expect(fields).toMatchObject({
      name: "prod",
      header: { "X-Team": "ops" },
      body: { env: "prod", n: 3, tags: ["a"] },
      msg_key: "content",
      secret_key: "s",
      topics: ["resource update"],
      resource_scope: "system",
    });
  });

  it("puts the platform's refusals on the row or field that holds them", () => {
    const count = newRow("X-Count", "3", true);
    const badName = newRow("Bad Header", "v");
    const msg = newRow("content", "x");
    const { errors } = formToFields(
      form({
        headerRows: [count, badName],
        bodyRows: [msg],
        msgKey: "content",
        secretKey: "s".repeat(129),
      }),
      creating,
    );
    expect(errors[`header.${count.id}`]).toMatch(/must be strings/);
    expect(errors[`header.${badName.id}`]).toMatch(/not a valid HTTP header name/);
    expect(errors[`body.${msg.id}`]).toMatch(/equals the message key/);
    expect(errors.secret_key).toMatch(/at most 128/);
    expect(formToFields(form({ msgKey: "k".repeat(17) }), creating).errors.msg_key).toMatch(
      /at most 16/,
    );
    expect(formToFields(form({ name: " " }), creating).errors.name).toMatch(/required/);
  });

  it("flags Msg as a body key when msg_key is empty", () => {
    const row = newRow("Msg", "hi");
    expect(formToFields(form({ bodyRows: [row] }), creating).errors[`body.${row.id}`]).toMatch(
      /"Msg"/,
    );
  });

  it("refuses rows the platform could not hold: no name, bad JSON, a header twice in any case", () => {
    const nameless = newRow("", "v");
    const badJson = newRow("x", "{", true);
    const first = newRow("X-A", "1");
    const again = newRow("x-a", "2");
    const { errors } = formToFields(
      form({ headerRows: [first, again], bodyRows: [nameless, badJson] }),
      creating,
    );
    expect(Object.keys(errors).sort()).toEqual(
      [`body.${badJson.id}`, `body.${nameless.id}`, `header.${again.id}`].sort(),
    );
    expect(robotErrors({ ...errors, topics: "x" })).toEqual(errors);
  });

  it("keeps, replaces or clears a stored secret when editing", () => {
    const editing = { editing: true, hasStoredSecret: true };
    expect(formToFields(form({}), editing).fields).not.toHaveProperty("secret_key");
    expect(formToFields(form({ secretKey: "new" }), editing).fields.secret_key).toBe("new");
    expect(formToFields(form({ clearSecret: true }), editing).fields.secret_key).toBeNull();
    expect(formToFields(form({}), creating).fields.secret_key).toBeNull();
  });

  it("reads an endpoint back into rows, typed values marked as JSON", () => {
    const back = formFromEndpoint({
      name: "e",
      header: { "X-A": "1" },
      body: { n: 2, s: "t" },
      msg_key: "m",
      use_template: true,
      topics: ["user lock"],
      resource_scope: "galaxy",
      subscription_enabled: false,
    });
    expect(back.bodyRows.map(({ key, value, json }) => [key, value, json])).toEqual([
      ["n", "2", true],
      ["s", "t", false],
    ]);
    expect(back).toMatchObject({
      resourceScope: "system",
      topics: ["user lock"],
      useTemplate: true,
      subscriptionEnabled: false,
    });
    expect(formToFields(back, { editing: true, hasStoredSecret: false }).fields).toMatchObject({
      body: { n: 2, s: "t" },
    });
  });
});

describe("generateSecret", () => {
  it("makes 64 hex characters, different each time", () => {
    const a = generateSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateSecret()).not.toBe(a);
  });
});

describe("verification ticks", () => {
  const item = (
    id: number,
    kind: string,
    signature = "valid",
    eventType: string | null = null,
  ): WatchedDelivery => ({
    id,
    kind,
    signature,
    event_type: eventType,
    warnings: [],
  });
  const none: Ticks<WatchedDelivery> = { validation: null, event: null };

  it("ticks the validation and the first event, template text with an event header included", () => {
    let ticks = nextTicks(none, item(1, "verification"));
    ticks = nextTicks(ticks, item(2, "unparsed", "unsigned"));
    ticks = nextTicks(ticks, item(3, "text", "valid", "SERVER/CREATE"));
    ticks = nextTicks(ticks, item(4, "event"));
    expect(ticks.validation?.id).toBe(1);
    expect(ticks.event?.id).toBe(3);
    expect(nextTicks(none, item(5, "text", "valid", null)).event).toBeNull();
  });

  it("keeps a rejected delivery only until one passes the signature check", () => {
    let ticks = nextTicks(none, item(1, "event", "invalid"));
    expect(tickState(ticks.event)).toBe("rejected");
    ticks = nextTicks(ticks, item(2, "event", "valid"));
    ticks = nextTicks(ticks, item(3, "event", "invalid"));
    expect(ticks.event?.id).toBe(2);
    expect(tickState(ticks.event)).toBe("ok");
    expect(tickState(null)).toBe("waiting");
  });
});

describe("wizard params", () => {
  it("reads the URL tolerantly and writes it back", () => {
    const read = (text: string) => parseWizardParams(new URLSearchParams(text));
    expect(read("endpoint=ep_1&step=apply")).toEqual({ endpoint: "ep_1", step: "apply" });
    expect(read("step=nonsense&endpoint=")).toEqual({ endpoint: null, step: "robot" });
    expect(wizardHref({ endpoint: "ep 1", step: "preview" })).toBe(
      "/setup?endpoint=ep+1&step=preview",
    );
    expect(wizardHref({ endpoint: null, step: "robot" })).toBe("/setup");
  });
});
