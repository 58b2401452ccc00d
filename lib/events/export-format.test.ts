import { describe, expect, it } from "vitest";
import { summaryFixture } from "./summary-fixture";
import {
  CSV_COLUMNS,
  csvCell,
  csvHeader,
  csvRow,
  exportFileName,
  ndjsonLine,
} from "./export-format";

const item = summaryFixture({
  id: 7,
  received_at: "2026-01-01T00:00:00.000Z",
  resource_name: 'web, "prod"\nline two',
  signature: "valid",
  size: 120,
  warnings: ["message_overwritten", "x"],
});

describe("csv", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(["a", "b"])).toBe("a;b");
  });

  it("defuses spreadsheet formulas from payload text", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("writes a header and one CRLF-terminated row per delivery, in the header's order", () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    const row = csvRow(item);
    expect(row.endsWith("\r\n")).toBe(true);
    expect(row).toBe(
      '7,2026-01-01T00:00:00.000Z,ep1,event,SERVER/CREATE,server,create,succeed,s-1,"web, ""prod""\nline two",Msg,,valid,120,,,message_overwritten;x,,POST,200,,,\r\n',
    );
  });
});

describe("ndjson", () => {
  it("writes one JSON object per line that parses back to the summary", () => {
    const line = ndjsonLine(item);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual(item);
  });

  it("names files by format and time", () => {
    expect(exportFileName("csv", new Date("2026-01-02T03:04:05.678Z"))).toBe(
      "hooklens-events-2026-01-02T03-04-05-678Z.csv",
    );
  });
});
