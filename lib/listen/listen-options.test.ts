import { describe, expect, it } from "vitest";
import { formatListenLine } from "./format-listen-line";
import { parseListenArgs } from "./listen-options";

const base = [
  "--url",
  "http://hooklens.local:3000/",
  "--token",
  "t0ken",
  "--forward",
  "http://localhost:8080/hook",
];

describe("parseListenArgs", () => {
  it("reads the target, the token and the feed filters with dashes", () => {
    expect(
      parseListenArgs([...base, "--resource-type", "server", "--action", "create,update"], {}),
    ).toEqual({
      ok: true,
      options: {
        url: "http://hooklens.local:3000",
        token: "t0ken",
        forward: "http://localhost:8080/hook",
        filter: { resource_type: "server", action: "create,update" },
      },
    });
  });

  it("takes the token from HOOKLENS_ADMIN_TOKEN when not given", () => {
    const parsed = parseListenArgs(base.slice(0, 2).concat(base.slice(4)), {
      HOOKLENS_ADMIN_TOKEN: "env",
    });
    expect(parsed.ok && parsed.options.token).toBe("env");
  });

  it("refuses what it cannot use, saying which option", () => {
    expect(parseListenArgs(["--url", "http://x"], {})).toEqual({
      ok: false,
      message: "--token is required",
    });
    expect(parseListenArgs([...base, "--forward", "ftp://x"], {})).toEqual({
      ok: false,
      message: "--forward must be http:// or https://",
    });
    const unknown = parseListenArgs([...base, "--colour", "red"], {});
    expect(unknown.ok).toBe(false);
  });
});

describe("formatListenLine", () => {
  const delivery = {
    id: 7,
    received_at: "2026-01-01T00:00:00.000Z",
    kind: "event",
    resource_type: "server",
    action: "create",
    result: "succeed",
    resource_name: "vm-1",
  };

  it("says what arrived, what the local URL answered and how long it took", () => {
    expect(formatListenLine({ delivery, status: 204, error: null, durationMs: 12 })).toBe(
      "2026-01-01T00:00:00.000Z  #7  server create succeed vm-1  -> 204 (12 ms)",
    );
    expect(
      formatListenLine({
        delivery: { ...delivery, kind: "verification", resource_type: null },
        status: null,
        error: "refused: connect ECONNREFUSED",
        durationMs: 1,
      }),
    ).toBe(
      "2026-01-01T00:00:00.000Z  #7  verification  -> error refused: connect ECONNREFUSED (1 ms)",
    );
  });
});
