import { describe, expect, it } from "vitest";
import { shellSplit } from "../shell/shell-quote";
import { troubleshootingChecklist } from "./troubleshooting";

const base = {
  robotName: "ops robot",
  receiverUrl: "https://hooklens.example/api/hooks/tok'en",
  topics: ["resource create or delete"],
  resourceScope: "system",
  hasSecretKey: false,
  useTemplate: false,
};

function item(id: string, options: Partial<typeof base> = {}) {
  const found = troubleshootingChecklist({ ...base, ...options }).find((entry) => entry.id === id);
  if (!found) throw new Error(`no checklist item ${id}`);
  return found;
}

describe("troubleshootingChecklist", () => {
  it("tells about proxies that compress answers with br or zstd, with a command that shows it", () => {
    const encoding = item("answer-encoding");
    expect(encoding.title).toMatch(/br or zstd/);
    expect(encoding.detail).toMatch(/identity, gzip or deflate/);
    expect(encoding.detail).toMatch(/Accept-Encoding: \*/);
    const argv = shellSplit(encoding.commands[0] ?? "");
    expect(argv.slice(0, 1)).toEqual(["curl"]);
    expect(argv).toContain("Accept-Encoding: *");
    expect(argv).toContain(base.receiverUrl);
  });

  it("tells that a redirecting address loses the delivery, and posts rather than GETs to check it", () => {
    const redirect = item("no-redirect");
    expect(redirect.detail).toMatch(/301, 302 or 303.*GET without the body/);
    const argv = shellSplit(redirect.commands[0] ?? "");
    expect(argv).toContain("--data");
    expect(argv).toContain(base.receiverUrl);
  });

  it("names the releases that sign only when the endpoint has a secret_key", () => {
    expect(troubleshootingChecklist(base).some((entry) => entry.id === "signature")).toBe(false);
    const signature = item("signature", { hasSecretKey: true });
    expect(signature.detail).toMatch(/Only 3\.11\.13\+ and 4\.0\+ sign; 3\.10 and 3\.12 never do/);
    expect(signature.detail).toMatch(/address is changed comes unsigned/);
  });

  it("quotes the robot's name for the shell", () => {
    expect(shellSplit(item("robot-enabled").commands[0] ?? "")).toEqual([
      "climc",
      "notify-robot-show",
      "ops robot",
    ]);
  });
});
