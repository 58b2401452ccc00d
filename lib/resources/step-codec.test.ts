import { describe, expect, it } from "vitest";
import { decodeStepFlags, encodeStepFlags } from "./step-codec";

const none = {
  first: false,
  duplicate: false,
  deletion: false,
  outOfOrder: false,
  unchanged: false,
  snapshot: null,
};

describe("step flags", () => {
  it("reads back every flag it wrote, alone and together", () => {
    const names = ["first", "duplicate", "deletion", "outOfOrder", "unchanged"] as const;
    for (const name of names) {
      const flags = decodeStepFlags(encodeStepFlags({ ...none, [name]: true }));
      expect(Object.entries(flags).filter(([, on]) => on)).toEqual([[name, true]]);
    }
    const all = decodeStepFlags(
      encodeStepFlags({ ...none, deletion: true, outOfOrder: true, snapshot: { id: "x" } }),
    );
    expect(all).toEqual({
      first: false,
      duplicate: false,
      deletion: true,
      outOfOrder: true,
      unchanged: false,
      snapshot: true,
    });
  });

  it("writes nothing for a step that is none of them", () => {
    expect(encodeStepFlags(none)).toBe(0);
  });
});
