import { describe, expect, it } from "vitest";
import {
  addSavedView,
  MAX_SAVED_VIEWS,
  parseSavedViews,
  removeSavedView,
  savedViewHref,
} from "./saved-views";

describe("saved views", () => {
  const failed = { name: "Failed servers", search: "?resource_type=server&result=failed" };

  it("reads back what it stored, and nothing from damaged storage", () => {
    expect(parseSavedViews(JSON.stringify([failed]))).toEqual([failed]);
    expect(parseSavedViews("{not json")).toEqual([]);
    expect(parseSavedViews(JSON.stringify({ name: "x" }))).toEqual([]);
    expect(parseSavedViews(JSON.stringify([{ name: "", search: "" }]))).toEqual([]);
    expect(parseSavedViews(null)).toEqual([]);
  });

  it("keeps only the feed's query strings, so a view never opens another address", () => {
    const stored = [failed, { name: "away", search: "//evil.example/x" }];
    expect(parseSavedViews(JSON.stringify(stored))).toEqual([failed]);
    expect(addSavedView([], { name: "away", search: "https://evil.example" })).toEqual([]);
    expect(savedViewHref(failed)).toBe("/events?resource_type=server&result=failed");
    expect(savedViewHref({ name: "all", search: "" })).toBe("/events");
  });

  it("replaces a view of the same name in place and trims names", () => {
    const other = { name: "Other", search: "?kind=text" };
    const views = addSavedView(addSavedView([], failed), other);
    const again = addSavedView(views, { name: " Failed servers ", search: "?result=failed" });
    expect(again).toEqual([{ name: "Failed servers", search: "?result=failed" }, other]);
    expect(addSavedView(views, { name: "   ", search: "" })).toBe(views);
  });

  it("keeps the newest views up to the cap, and removes by name", () => {
    let views = [failed];
    for (let i = 0; i < MAX_SAVED_VIEWS + 5; i++)
      views = addSavedView(views, { name: `v${i}`, search: `?q=${i}` });
    expect(views).toHaveLength(MAX_SAVED_VIEWS);
    expect(views.at(-1)?.name).toBe(`v${MAX_SAVED_VIEWS + 4}`);
    expect(views.some((view) => view.name === failed.name)).toBe(false);
    expect(removeSavedView(views, "v10").some((view) => view.name === "v10")).toBe(false);
  });
});
