import { shellQuote } from "../shell/shell-quote";

/**
 * The climc commands that configure the platform side of an endpoint, flag for flag as
 * cloudpods-webhook.md gives them:
 *   climc notify-robot-create NAME --type webhook --address URL --header '{..}' --body '{..}'
 *     --msg-key K --secret-key S [--use-template]
 *   climc notify-robot-enable NAME
 *   climc notify-subscriber-create TOPIC_ID RESOURCE_SCOPE robot SCOPE --robot R   (per topic)
 * Every value goes through shellQuote, so names, URLs and JSON are safe to paste.
 */
export type ClimcInput = {
  /** create a new robot, or update the one made earlier with the same name. */
  mode: "create" | "update";
  robotName: string;
  receiverUrl: string;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  msgKey: string;
  /** The secret to print; null when there is none. */
  secretKey: string | null;
  /** A secret is set but Hooklens no longer shows it: print a shell variable instead. */
  secretKeyHidden?: boolean;
  useTemplate: boolean;
  topics: readonly string[];
  resourceScope: "system" | "domain" | "project";
  subscriptionEnabled: boolean;
};

export type ClimcStep = { title: string; comments: string[]; commands: string[] };

/** The variable the operator sets when the secret can no longer be shown. */
export const SECRET_VARIABLE = "HOOKLENS_SECRET_KEY";
const ATTRIBUTION_VARIABLE = { domain: "DOMAIN_ID", project: "PROJECT_ID" } as const;

function robotFlags(input: ClimcInput): string[] {
  // climc parses --header and --body as JSON even when absent, so both are always given.
  const flags = [
    "--address",
    shellQuote(input.receiverUrl),
    "--header",
    shellQuote(JSON.stringify(input.header)),
    "--body",
    shellQuote(JSON.stringify(input.body)),
  ];
  if (input.msgKey !== "") flags.push("--msg-key", shellQuote(input.msgKey));
  if (input.secretKeyHidden) flags.push("--secret-key", `"$${SECRET_VARIABLE}"`);
  else if (input.secretKey) flags.push("--secret-key", shellQuote(input.secretKey));
  return flags;
}

function robotStep(input: ClimcInput): ClimcStep {
  const name = shellQuote(input.robotName);
  const command =
    input.mode === "create"
      ? [
          "climc notify-robot-create",
          name,
          "--type webhook",
          ...robotFlags(input),
          ...(input.useTemplate ? ["--use-template"] : []),
        ]
      : [
          "climc notify-robot-update",
          name,
          ...robotFlags(input),
          "--use-template",
          String(input.useTemplate),
        ];
  const comments = [
    input.mode === "create"
      ? "The platform sends a verification message to the address at once; it must answer below 300."
      : "Changing the address makes the platform send a new verification message.",
  ];
  if (input.secretKeyHidden) {
    comments.push(
      `Hooklens does not show the secret_key again: set ${SECRET_VARIABLE} to it first.`,
    );
  }
  return {
    title: input.mode === "create" ? "Create the webhook robot" : "Update the webhook robot",
    comments,
    commands: [command.join(" ")],
  };
}

function subscriptionStep(input: ClimcInput): ClimcStep {
  const robot = shellQuote(input.robotName);
  const scope = input.resourceScope;
  const attribution =
    scope === "system" ? "" : ` --resource-attribution-id "$${ATTRIBUTION_VARIABLE[scope]}"`;
  const comments = [
    `A subscriber per topic, for resources in ${scope === "system" ? "the whole system" : `one ${scope}`}.`,
  ];
  if (scope !== "system")
    comments.push(`Set ${ATTRIBUTION_VARIABLE[scope]} to the ${scope}'s id first.`);
  if (input.mode === "update") comments.push("Skip the topics the robot is already subscribed to.");
  if (input.topics.length === 0)
    comments.push("No topic chosen: the robot will only receive its verification message.");
  return {
    title: "Subscribe the robot to topics",
    comments,
    commands: input.topics.map(
      (topic) =>
        `climc notify-subscriber-create ${shellQuote(topic)} ${scope} robot system --robot ${robot}${attribution}`,
    ),
  };
}

function enableStep(input: ClimcInput): ClimcStep {
  const robot = shellQuote(input.robotName);
  const comments = input.subscriptionEnabled
    ? [
        "The robot must be enabled; subscribers start enabled.",
        "To re-enable one: climc notify-subscriber-list --type robot, then climc notify-subscriber-enable <id>.",
      ]
    : [
        "The subscription is meant to stay off: disable each subscriber of this robot listed below",
        "with climc notify-subscriber-disable <id>.",
      ];
  const commands = [`climc notify-robot-enable ${robot}`];
  if (!input.subscriptionEnabled) commands.push("climc notify-subscriber-list --type robot");
  return {
    title: input.subscriptionEnabled ? "Enable" : "Enable the robot, keep the subscription off",
    comments,
    commands,
  };
}

export function buildClimcCommands(input: ClimcInput): ClimcStep[] {
  return [robotStep(input), subscriptionStep(input), enableStep(input)];
}

/** All steps as one pasteable script, comments prefixed with #. */
export function climcScript(steps: ClimcStep[]): string {
  return steps
    .map((step, i) =>
      [`# ${i + 1}. ${step.title}`, ...step.comments.map((c) => `# ${c}`), ...step.commands].join(
        "\n",
      ),
    )
    .join("\n\n");
}
