/**
 * Mode `message`: a short text for a chat robot, in the JSON shape each kind of robot
 * accepts (the kinds the platform's own notify service can post to). Pure.
 *
 * - feishu (Feishu/Lark custom bot): {"msg_type":"text","content":{"text":…}}
 * - dingtalk (DingTalk custom robot): {"msgtype":"markdown","markdown":{"title":…,"text":…}}
 * - wecom (WeCom group robot): {"msgtype":"markdown","markdown":{"content":…}}
 * - slack (Slack-compatible incoming webhook; Mattermost, Rocket.Chat): {"text":…}
 */
export const CHAT_KINDS = ["feishu", "dingtalk", "wecom", "slack"] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/** The fields a template may name as {{name}}. */
export const TEMPLATE_FIELDS = [
  "resource_type",
  "resource_name",
  "resource_id",
  "action",
  "result",
  "event_type",
  "kind",
  "received_at",
  "id",
  "link",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Record<TemplateField, string | number | null>;

export const DEFAULT_TEMPLATES: Record<ChatKind, string> = {
  feishu: "[Hooklens] {{resource_type}} {{resource_name}}: {{action}} {{result}}\n{{link}}",
  dingtalk:
    "**[Hooklens] {{resource_type}} {{resource_name}}**\n\n{{action}} {{result}}\n\n[delivery #{{id}}]({{link}})",
  wecom:
    "**[Hooklens] {{resource_type}} {{resource_name}}**\n{{action}} {{result}}\n[delivery #{{id}}]({{link}})",
  slack:
    "[Hooklens] {{resource_type}} {{resource_name}}: {{action}} {{result}} <{{link}}|delivery #{{id}}>",
};

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Names in a template that are not fields, so that a typo is refused when the rule is saved. */
export function unknownTemplateFields(template: string): string[] {
  const known = new Set<string>(TEMPLATE_FIELDS);
  return [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? "")
    .filter((name) => !known.has(name));
}

/** Fills {{field}}; an absent value reads "-" so that a line never ends in a dangling word. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) return whole;
    const value = values[name as TemplateField];
    return value === null || value === "" ? "-" : String(value);
  });
}

export function chatBody(kind: ChatKind, text: string): Record<string, unknown> {
  switch (kind) {
    case "feishu":
      return { msg_type: "text", content: { text } };
    case "dingtalk":
      // DingTalk shows the title in the notification and the conversation list.
      return { msgtype: "markdown", markdown: { title: firstLine(text), text } };
    case "wecom":
      return { msgtype: "markdown", markdown: { content: text } };
    case "slack":
      return { text };
  }
}

function firstLine(text: string): string {
  const line = text.split("\n").find((part) => part.trim() !== "") ?? "Hooklens";
  return (
    line
      .replace(/[*`#>]/g, "")
      .trim()
      .slice(0, 64) || "Hooklens"
  );
}

export function chatRequestBody(options: {
  kind: ChatKind;
  template: string | null;
  values: TemplateValues;
}): Buffer {
  const text = renderTemplate(options.template ?? DEFAULT_TEMPLATES[options.kind], options.values);
  return Buffer.from(JSON.stringify(chatBody(options.kind, text)));
}
