import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { CSV_COLUMNS } from "../../lib/events/export-format";
import { api, apiText, createEndpoint, sendDelivery } from "../support/api";

type Page = { data: Array<{ id: number }>; next_cursor: string | null };

/** Every id the list API gives for a filter, oldest first. */
async function listIds(baseUrl: string, query: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: Page } = await api<Page>(
      baseUrl,
      `/api/events?${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`,
    );
    ids.push(...page.body.data.map((item) => item.id));
    cursor = page.body.next_cursor;
  } while (cursor);
  return ids.reverse();
}

/** A minimal RFC 4180 reader: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe("GET /api/events/export", () => {
  it("streams every match as NDJSON, oldest first, across many keyset pages", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const count = 1_230; // more than one export page (1,000)
    const sent: number[] = [];
    for (let from = 0; from < count; from += 30) {
      const batch = Array.from({ length: Math.min(30, count - from) }, (_, k) => {
        const i = from + k;
        const [type, action] = i % 3 === 0 ? ["disk", "delete"] : ["server", "create"];
        return sendDelivery(
          endpoint.receiver_url,
          renderDelivery({
            kind: "event",
            event: {
              resource_type: type,
              action: action,
              resource_details: { id: `r-${i}`, name: `n-${i}` },
            },
          }),
        );
      });
      for (const answer of await Promise.all(batch)) sent.push(answer.body.id as number);
    }

    const all = await apiText(baseUrl, `/api/events/export?format=ndjson&endpoint=${endpoint.id}`);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toContain("application/x-ndjson");
    expect(all.headers.get("content-disposition")).toMatch(
      /^attachment; filename="hooklens-events-.*\.ndjson"$/,
    );
    const lines = all.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: number; endpoint_id: string });
    expect(lines.map((item) => item.id)).toEqual([...sent].sort((a, b) => a - b));
    expect(new Set(lines.map((item) => item.endpoint_id))).toEqual(new Set([endpoint.id]));

    const disks = await apiText(
      baseUrl,
      `/api/events/export?endpoint=${endpoint.id}&resource_type=disk&action=delete`,
    );
    const diskIds = disks.text
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { id: number }).id);
    expect(diskIds).toHaveLength(410);
    expect(diskIds).toEqual(
      await listIds(baseUrl, `endpoint=${endpoint.id}&resource_type=disk&action=delete`),
    );
  });

  it("writes CSV with a header, quoting payload text and defusing formulas", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const names = ['web, "prod"\nsecond line', '=HYPERLINK("http://x")', "plain"];
    const ids: number[] = [];
    for (const [i, name] of names.entries()) {
      const delivery = renderDelivery({
        kind: "event",
        event: {
          resource_type: "server",
          action: "update",
          resource_details: { id: `s-${i}`, name },
        },
      });
      ids.push((await sendDelivery(endpoint.receiver_url, delivery)).body.id as number);
    }
    const csv = await apiText(baseUrl, `/api/events/export?format=csv&endpoint=${endpoint.id}`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => Number(row[column("id")]))).toEqual(ids);
    expect(rows.map((row) => row[column("resource_name")])).toEqual([
      names[0],
      `'${names[1]}`,
      "plain",
    ]);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  it("exports nothing but a header when nothing matches, and refuses an unknown format", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const empty = await apiText(baseUrl, `/api/events/export?format=csv&endpoint=${endpoint.id}`);
    expect(empty.text).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    const none = await apiText(baseUrl, `/api/events/export?endpoint=${endpoint.id}`);
    expect(none.text).toBe("");
    const bad = await api(baseUrl, "/api/events/export?format=xml");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "bad_request", field: "format" } });
  });
});
