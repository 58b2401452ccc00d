import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  buildClimcCommands,
  climcScript,
  SECRET_VARIABLE,
  type ClimcInput,
} from "./climc-commands";

const base: ClimcInput = {
  mode: "create",
  robotName: "hooklens-prod",
  receiverUrl: "https://hooks.example.com/api/hooks/tok_123",
  header: { "X-Team": "ops" },
  body: { env: "prod" },
  msgKey: "content",
  secretKey: "s3cret",
  useTemplate: false,
  topics: ["resource create or delete", "resource update"],
  resourceScope: "system",
  subscriptionEnabled: true,
};

/** The robot's flags from `base`, in the wire document's order, as create and update pass them. */
const ROBOT_FLAGS = [
  "--address",
  base.receiverUrl,
  "--header",
  '{"X-Team":"ops"}',
  "--body",
  '{"env":"prod"}',
  "--msg-key",
  "content",
  "--secret-key",
  "s3cret",
];

/** A system-scope subscription of the robot to one topic. */
const subscriber = (topic: string) => [
  "notify-subscriber-create",
  topic,
  "system",
  "robot",
  "system",
  "--robot",
  "hooklens-prod",
];

/**
 * Runs the script in a real shell with `climc` replaced by a function that prints its
 * argv, so the test sees exactly the words climc would get.
 */
function climcCalls(script: string, env: Record<string, string> = {}): string[][] {
  const fake = `climc() { printf '%s\\0' "$@"; printf '\\n'; }\n${script}`;
  const out = execFileSync("sh", ["-c", fake], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return out
    .split("\0\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\0"));
}

function run(input: Partial<ClimcInput>, env?: Record<string, string>) {
  return climcCalls(climcScript(buildClimcCommands({ ...base, ...input })), env);
}

describe("climc commands", () => {
  it("creates the robot with every flag of the wire document, in its order", () => {
    const [create] = run({ useTemplate: true });
    expect(create).toEqual([
      "notify-robot-create",
      "hooklens-prod",
      "--type",
      "webhook",
      ...ROBOT_FLAGS,
      "--use-template",
    ]);
  });

  it("always passes --header and --body (climc parses them as JSON) and leaves out empty options", () => {
    const [create] = run({ header: {}, body: {}, msgKey: "", secretKey: null });
    expect(create).toEqual([
      "notify-robot-create",
      "hooklens-prod",
      "--type",
      "webhook",
      "--address",
      base.receiverUrl,
      "--header",
      "{}",
      "--body",
      "{}",
    ]);
  });

  it("subscribes per topic with TOPIC_ID RESOURCE_SCOPE robot SCOPE --robot R, then enables the robot", () => {
    const calls = run({});
    expect(calls.slice(1)).toEqual([
      subscriber("resource create or delete"),
      subscriber("resource update"),
      ["notify-robot-enable", "hooklens-prod"],
    ]);
  });

  it("names the domain or project a narrower scope is for", () => {
    const calls = run({ resourceScope: "project", topics: ["user lock"] }, { PROJECT_ID: "p-42" });
    expect(calls[1]).toEqual([
      "notify-subscriber-create",
      "user lock",
      "project",
      "robot",
      "system",
      "--robot",
      "hooklens-prod",
      "--resource-attribution-id",
      "p-42",
    ]);
  });

  it("updates an existing robot with --use-template true|false", () => {
    expect(run({ mode: "update", useTemplate: true })[0]).toEqual([
      "notify-robot-update",
      "hooklens-prod",
      ...ROBOT_FLAGS,
      "--use-template",
      "true",
    ]);
    expect(run({ mode: "update" })[0]?.slice(-2)).toEqual(["--use-template", "false"]);
  });

  it("prints a variable for a secret Hooklens no longer shows", () => {
    const steps = buildClimcCommands({ ...base, secretKey: null, secretKeyHidden: true });
    expect(climcScript(steps)).toContain(`set ${SECRET_VARIABLE}`);
    const [create] = climcCalls(climcScript(steps), { [SECRET_VARIABLE]: "kept elsewhere" });
    expect(
      create?.slice(create.indexOf("--secret-key"), create.indexOf("--secret-key") + 2),
    ).toEqual(["--secret-key", "kept elsewhere"]);
  });

  it("keeps hostile names, URLs and JSON intact through the shell", () => {
    const hostile = {
      robotName: "ops' robot $(id) `x`",
      receiverUrl: "https://h.example/api/hooks/a?b=1&c='2'",
      header: { "X-Q": 'it\'s "quoted" $HOME\n' },
      body: { note: "名前 ; rm -rf /", n: 1 },
      msgKey: "m$g",
      secretKey: "sec'ret\\",
      topics: ["resource create or delete"],
    };
    const [create, subscribe, enable] = run(hostile);
    expect(create).toEqual([
      "notify-robot-create",
      hostile.robotName,
      "--type",
      "webhook",
      "--address",
      hostile.receiverUrl,
      "--header",
      JSON.stringify(hostile.header),
      "--body",
      JSON.stringify(hostile.body),
      "--msg-key",
      "m$g",
      "--secret-key",
      "sec'ret\\",
    ]);
    expect(JSON.parse(create![7]!)).toEqual(hostile.header);
    expect(subscribe?.at(-1)).toBe(hostile.robotName);
    expect(enable).toEqual(["notify-robot-enable", hostile.robotName]);
  });

  it("keeps the subscription off when asked, without running placeholder commands", () => {
    const calls = run({ subscriptionEnabled: false, topics: ["user lock"] });
    expect(calls.at(-2)).toEqual(["notify-robot-enable", "hooklens-prod"]);
    expect(calls.at(-1)).toEqual(["notify-subscriber-list", "--type", "robot"]);
  });

  it("writes comments as # lines, a numbered title per step", () => {
    const script = climcScript(buildClimcCommands({ ...base, topics: [] }));
    expect(
      script
        .split("\n")
        .filter((line) => line.startsWith("# "))
        .map((line) => line.slice(0, 5)),
    ).toContain("# 1. ");
    expect(script).toContain("# 3. Enable");
    expect(script).toContain("only receive its verification message");
  });
});
