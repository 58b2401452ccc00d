import { describe, expect, it } from "vitest";
import { describeWarning, warning, warningCode, WARNING_CODES } from "./delivery-warnings";

describe("delivery warnings", () => {
  it("name their subjects after a colon", () => {
    expect(warning("event_fields_overridden", ["action", "result"])).toBe(
      "event_fields_overridden:action,result",
    );
    expect(warning("raw_control_characters")).toBe("raw_control_characters");
    expect(warningCode("copy_disagrees:resource_details")).toBe("copy_disagrees");
  });

  it("say every code in words, with the fields named", () => {
    for (const code of WARNING_CODES) {
      const detail = describeWarning(code);
      expect(detail.code).toBe(code);
      expect(detail.message.length, code).toBeGreaterThan(40);
    }
    expect(describeWarning("event_fields_overridden:action,resource_type").message).toContain(
      "action, resource_type",
    );
    expect(describeWarning("redirected_request:HEAD").message).toMatch(/^A HEAD without a body/);
  });

  it("keep an unknown code as it is", () => {
    expect(describeWarning("something_new")).toEqual({
      code: "something_new",
      message: "something_new",
    });
  });
});
