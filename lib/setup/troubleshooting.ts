import { shellQuote } from "../shell/shell-quote";

/**
 * Why deliveries never arrive, in the order the product page checks them, each with the
 * climc command that shows the answer on the platform side.
 */
export type CheckItem = { id: string; title: string; detail: string; commands: string[] };

export function troubleshootingChecklist(options: {
  robotName: string;
  receiverUrl: string;
  topics: readonly string[];
  resourceScope: string;
  hasSecretKey: boolean;
  useTemplate: boolean;
}): CheckItem[] {
  const robot = shellQuote(options.robotName);
  const firstTopic = shellQuote(options.topics[0] ?? "resource create or delete");
  const url = shellQuote(options.receiverUrl);
  const items: CheckItem[] = [
    {
      id: "robot-enabled",
      title: "The robot is enabled",
      detail: "A disabled robot receives nothing, not even the verification message.",
      commands: [`climc notify-robot-show ${robot}`],
    },
    {
      id: "address-reachable",
      title: "The platform can reach the receiver URL",
      detail:
        "The notify service sends from inside the platform, not from your browser: the receiver URL must resolve and " +
        "connect from there (set the public base URL when Hooklens sits behind a proxy). The verification message must be " +
        "answered below 300, or the robot is not saved.",
      commands: [],
    },
    {
      id: "no-redirect",
      title: "The robot's address is the final URL, not one that redirects",
      detail:
        "The platform follows a 301, 302 or 303 by sending a GET without the body, so the delivery is lost on the way " +
        "(an http address that a proxy sends on to https does this). Hooklens answers such a GET 200 and lists it on the " +
        "endpoints page; give the robot the receiver URL exactly as shown. 307 and 308 keep the body. The command posts " +
        "a test text the way the platform would and prints the status and where a redirect points.",
      commands: [
        `curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\\n' -H 'Content-Type: application/json' --data '{"Msg":"redirect check"}' ${url}`,
      ],
    },
    {
      id: "answer-encoding",
      title: "No proxy in front of Hooklens compresses its answers with br or zstd",
      detail:
        "The platform asks with Accept-Encoding: * and fails a send whose answer has a Content-Encoding other than " +
        "identity, gzip or deflate, even a 200. Hooklens answers uncompressed with Cache-Control: no-transform, but a proxy " +
        "(nginx with brotli or zstd, a CDN) may compress anyway: turn br and zstd off for the receiver path. The command " +
        "sends a test text and prints the answer's Content-Encoding, which must be empty, gzip or deflate.",
      commands: [
        `curl -sS -o /dev/null -D - -H 'Accept-Encoding: *' -H 'Content-Type: application/json' --data '{"Msg":"encoding check"}' ${url} | grep -i '^content-encoding' || echo 'no Content-Encoding: fine'`,
      ],
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
        "A wrong X-Auth-Token is answered 401, which the platform counts as a failure. Only 3.11.13+ and 4.0+ sign; 3.10 " +
        "and 3.12 never do, whatever the robot's secret_key: if every event is refused for a missing token, clear the " +
        "endpoint's secret_key. The validation sent when a robot's address is changed comes unsigned (the platform never " +
        "has the secret then) and is accepted.",
      commands: [],
    });
  }
  return items;
}
