import { describe, expect, it } from "vitest";
import { createEndpointSchema, crossFieldErrors, updateEndpointSchema } from "./endpoint-settings";

function fieldsOf(input: unknown) {
  const parsed = createEndpointSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
}

describe("endpoint settings", () => {
  it("accepts what the platform accepts", () => {
    const ok = createEndpointSchema.parse({
      name: " ops ",
      msg_key: "x".repeat(16),
      secret_key: "s".repeat(128),
      header: { "X-Team": "ops" },
      body: { env: "prod" },
    });
    expect(ok).toMatchObject({ name: "ops", msg_key: "x".repeat(16) });
    expect(createEndpointSchema.parse({ name: "a", secret_key: "" }).secret_key).toBeNull();
  });

  it("names each field the platform would reject or mishandle", () => {
    expect(fieldsOf({ name: "a", msg_key: "x".repeat(17) })).toEqual(["msg_key"]);
    expect(fieldsOf({ name: "a", secret_key: "s".repeat(129) })).toEqual(["secret_key"]);
    expect(fieldsOf({ name: "a", header: { "X-N": 1 } })).toEqual(["header.X-N"]);
    expect(fieldsOf({ name: "a", header: { "Two Words": "v", "Ok-Name": "v" } })).toEqual([
      "header.Two Words",
    ]);
    expect(fieldsOf({ name: "a", header: { é: "v" } })).toEqual(["header.é"]);
    expect(
      fieldsOf({
        name: "a",
        header: { "X-A": "line\nbreak", "X-B": "nul\u0000", "X-C": "del\u007f" },
      }),
    ).toEqual(["header.X-A", "header.X-B", "header.X-C"]);
    expect(fieldsOf({ name: "a", header: { "X-Tab": "a\tb", "X-Utf": "名前" } })).toEqual([]);
    expect(fieldsOf({ name: "a\nb", msg_key: "k\u0000", secret_key: "s\r" })).toEqual([
      "name",
      "secret_key",
      "msg_key",
    ]);
    expect(fieldsOf({ name: "a", resource_scope: "galaxy" })).toEqual(["resource_scope"]);
    expect(fieldsOf({})).toEqual(["name"]);
  });

  it("refuses a body key equal to msg_key, or to Msg when msg_key is empty", () => {
    expect(crossFieldErrors({ msg_key: "", body: { Msg: "x" } })).toEqual([
      expect.objectContaining({ field: "body.Msg" }),
    ]);
    expect(crossFieldErrors({ msg_key: "k", body: { k: "x", Msg: "fine" } })).toEqual([
      expect.objectContaining({ field: "body.k" }),
    ]);
    expect(crossFieldErrors({ msg_key: "k", body: { other: "x" } })).toEqual([]);
  });

  it("lets an update name only what changes", () => {
    expect(updateEndpointSchema.parse({ enabled: false })).toEqual({ enabled: false });
  });
});
