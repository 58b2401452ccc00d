import { describe, expect, inject, it } from "vitest";
import { api } from "../support/api";
import { replaySinkPerFile } from "../support/replays";

const baseUrl = () => inject("baseUrl");
const sink = replaySinkPerFile();
describe("saved destinations", () => {
  it("saves, renames by URL, lists and deletes", async () => {
    const url = sink.url(`/dest-${Date.now()}`);
    const saved = await api<{ id: number; name: string; url: string }>(
      baseUrl(),
      "/api/replays/destinations",
      { json: { name: "staging", url } },
    );
    expect(saved.status).toBe(201);
    const renamed = await api<{ id: number; name: string }>(
      baseUrl(),
      "/api/replays/destinations",
      { json: { name: "staging 2", url } },
    );
    expect(renamed.body).toMatchObject({ id: saved.body.id, name: "staging 2" });
    const list = await api<{ data: Array<{ id: number; url: string }> }>(
      baseUrl(),
      "/api/replays/destinations",
    );
    expect(list.body.data.filter((d) => d.url === url)).toHaveLength(1);
    const refused = await api(baseUrl(), "/api/replays/destinations", {
      json: { name: "meta", url: "http://169.254.169.254/" },
    });
    expect(refused.status).toBe(422);
    expect(
      (await api(baseUrl(), `/api/replays/destinations/${saved.body.id}`, { method: "DELETE" }))
        .status,
    ).toBe(204);
    expect(
      (await api(baseUrl(), `/api/replays/destinations/${saved.body.id}`, { method: "DELETE" }))
        .status,
    ).toBe(404);
  });
});
