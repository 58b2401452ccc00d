import { shellQuote } from "./shell-quote";

/**
 * Why deliveries never arrive, in the order the product page checks them, each with the
 * climc command that shows the answer on the platform side.
 */
export type CheckItem = { id: string; title: string; detail: string; commands: string[] };

export function troubleshootingChecklist(options: {
  robotName: string;
  topics: readonly string[];
  resourceScope: string;
  hasSecretKey: boolean;
  useTemplate: boolean;
}): CheckItem[] {
  const robot = shellQuote(options.robotName);
  const firstTopic = shellQuote(options.topics[0] ?? "resource create or delete");
  const items: CheckItem[] = [
    {
      id: "robot-enabled",
      title: "The robot is enabled",
      detail: "A disabled robot receives nothing, not even the validation message.",
      commands: [`climc notify-robot-show ${robot}`],
    },
    {
      id: "address-reachable",
      title: "The platform can reach the receiver URL",
      detail:
        "The notify service sends from inside the platform, not from your browser: the receiver URL must resolve and " +
        "connect from there (set the public base URL when Hooklens sits behind a proxy). The validation message must be " +
        "answered below 300, or the robot is not saved.",
      commands: [],
    },
    {
      id: "subscription-enabled",
      title: "The topics and the robot's subscribers are enabled",
      detail:
        "An event reaches the robot only when its topic, the subscriber and the robot are all enabled.",
      commands: [
        `climc notify-topic-show ${firstTopic}`,
        "climc notify-subscriber-list --type robot",
      ],
    },
    {
      id: "recipients-enabled",
      title: "The subscriber's recipient is this robot",
      detail:
        "A subscriber of type robot names its recipient with --robot; a subscriber left on another robot sends elsewhere.",
      commands: ["climc notify-subscriber-list --type robot"],
    },
    {
      id: "scope",
      title: `The resource is inside the subscriber's scope (${options.resourceScope})`,
      detail:
        "A domain or project subscriber only hears about resources of that domain or project.",
      commands: [],
    },
    {
      id: "failed-sends",
      title: "The platform's own record of failed sends",
      detail: options.useTemplate
        ? "With use_template on, a topic template that fails to render stops the message before it is sent."
        : "Each failed send is logged with its reason; the platform retries about every 60 s, about twice.",
      commands: [
        "climc action-show --type notification --fail",
        "climc notify-show <notification id>",
      ],
    },
  ];
  if (options.hasSecretKey) {
    items.push({
      id: "signature",
      title: "The platform signs with the same secret_key",
      detail:
        "A wrong X-Auth-Token is answered 401, which the platform counts as a failure. Releases that do not sign send no " +
        "X-Auth-Token at all: if every delivery is rejected for a missing token, clear the endpoint's secret_key.",
      commands: [],
    });
  }
  return items;
}
