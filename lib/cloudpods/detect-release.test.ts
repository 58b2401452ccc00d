import { describe, expect, it } from "vitest";
import {
  detectRelease,
  endpointRelease,
  eventHeaderForm,
  RELEASE_NOTES,
  RELEASES,
  type DeliveryShape,
} from "./detect-release";

const shape = (overrides: Partial<DeliveryShape>): DeliveryShape => ({
  kind: "event",
  headerForm: "slashed",
  hasCopy: true,
  hasResult: true,
  signed: false,
  endpointHasSecret: false,
  text: null,
  ...overrides,
});

describe("eventHeaderForm", () => {
  it("tells absent, empty, VALIDATE, TYPE/ACTION and title headers apart", () => {
    expect(eventHeaderForm(null)).toBe("absent");
    expect(eventHeaderForm("")).toBe("empty");
    expect(eventHeaderForm("  ")).toBe("empty");
    expect(eventHeaderForm("VALIDATE")).toBe("validate");
    expect(eventHeaderForm("validate")).toBe("validate");
    expect(eventHeaderForm("SERVER/START/FAILED")).toBe("slashed");
    expect(eventHeaderForm("SERVER_START_FAILED")).toBe("title");
    expect(eventHeaderForm("主机离线")).toBe("title");
  });
});

describe("detectRelease: one row of the release table each", () => {
  it("up to 3.7: bare message without result", () => {
    expect(detectRelease(shape({ hasCopy: false, hasResult: false }))).toBe(RELEASES.upTo37);
  });

  it("3.8-3.9: the title as X-Yunion-Event, VALIDATE validations, titled texts", () => {
    expect(detectRelease(shape({ headerForm: "title", hasCopy: false }))).toBe(RELEASES.r38to39);
    expect(detectRelease(shape({ kind: "verification", headerForm: "validate" }))).toBe(
      RELEASES.r38to39,
    );
    expect(detectRelease(shape({ kind: "text", headerForm: "title", text: "x" }))).toBe(
      RELEASES.r38to39,
    );
  });

  it("3.10.0-3.10.3: empty X-Yunion-Event, bare message with result, 来自 texts", () => {
    expect(detectRelease(shape({ kind: "verification", headerForm: "empty" }))).toBe(
      RELEASES.r3100to3103,
    );
    expect(detectRelease(shape({ kind: "text", headerForm: "empty", text: "alert" }))).toBe(
      RELEASES.r3100to3103,
    );
    expect(detectRelease(shape({ hasCopy: false }))).toBe(RELEASES.r3100to3103);
    const signedOff = "AlertName: x\n来自 https://api.example:30888";
    expect(detectRelease(shape({ kind: "text", headerForm: "absent", text: signedOff }))).toBe(
      RELEASES.r3100to3103,
    );
  });

  it("a bare message with result and no usable header: 3.8 to 3.10.3", () => {
    expect(detectRelease(shape({ hasCopy: false, headerForm: "absent" }))).toBe(RELEASES.r38to3103);
  });

  it("3.10.4+: the copy under msg_key, unsigned", () => {
    expect(detectRelease(shape({}))).toBe(RELEASES.r3104plus);
  });

  it("says nothing of an unsigned text or verification without X-Yunion-Event (3.7 and 3.10.4+ send it alike)", () => {
    const alert = { headerForm: "absent", text: "AlertName" } as const;
    expect(detectRelease(shape({ kind: "text", ...alert }))).toBeNull();
    expect(detectRelease(shape({ kind: "verification", headerForm: "absent" }))).toBeNull();
    expect(detectRelease(shape({ kind: "text", ...alert, signed: true }))).toBe(RELEASES.signs);
  });

  it("the copy, unsigned at an endpoint with a secret: a release that never signs", () => {
    expect(detectRelease(shape({ endpointHasSecret: true }))).toBe(RELEASES.neverSigns);
  });

  it("3.11.13+ and 4.0+: signed", () => {
    expect(detectRelease(shape({ signed: true }))).toBe(RELEASES.signs);
    expect(detectRelease(shape({ kind: "text", headerForm: "absent", signed: true }))).toBe(
      RELEASES.signs,
    );
  });

  it("says nothing of unparsed bodies and redirected requests", () => {
    expect(detectRelease(shape({ kind: "unparsed" }))).toBeNull();
    expect(detectRelease(shape({ kind: "redirected" }))).toBeNull();
  });

  it("has notes for the operator for every release, and says which never sign", () => {
    for (const release of Object.values(RELEASES)) {
      expect(RELEASE_NOTES[release].length, release).toBeGreaterThan(0);
    }
    for (const release of [RELEASES.upTo37, RELEASES.r38to39, RELEASES.r3100to3103]) {
      expect(RELEASE_NOTES[release].join(" ")).toMatch(/never signs/);
    }
  });
});

describe("endpointRelease", () => {
  it("is the newest delivery's release", () => {
    expect(endpointRelease([null, RELEASES.r38to39, RELEASES.upTo37])).toBe(RELEASES.r38to39);
    expect(endpointRelease([])).toBeNull();
    expect(endpointRelease([null])).toBeNull();
  });

  it("narrows a vague newest range with a specific one seen too", () => {
    expect(endpointRelease([RELEASES.r3104plus, RELEASES.signs])).toBe(RELEASES.signs);
    expect(endpointRelease([RELEASES.r3104plus, RELEASES.neverSigns])).toBe(RELEASES.neverSigns);
    expect(endpointRelease([RELEASES.r38to3103, RELEASES.r38to39])).toBe(RELEASES.r38to39);
    expect(endpointRelease([RELEASES.r3104plus, RELEASES.upTo37])).toBe(RELEASES.r3104plus);
  });
});
