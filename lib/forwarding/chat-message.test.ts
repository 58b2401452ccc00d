import { describe, expect, it } from "vitest";
import {
  CHAT_KINDS,
  chatRequestBody,
  DEFAULT_TEMPLATES,
  renderTemplate,
  unknownTemplateFields,
  type TemplateValues,
} from "./chat-message";

const values: TemplateValues = {
  resource_type: "server",
  resource_name: "web-1",
  resource_id: "a1b2",
  action: "host_down",
  result: "failed",
  event_type: "SERVER_HOST_DOWN",
  kind: "event",
  received_at: "2026-01-01T00:00:00.000Z",
  id: 42,
  link: "https://hooks.example.com/events/42",
};

describe("renderTemplate", () => {
  it("fills every field and reads absent ones as a dash", () => {
    expect(renderTemplate("{{resource_type}} {{ resource_name }} {{result}}", values)).toBe(
      "server web-1 failed",
    );
    expect(renderTemplate("{{action}} {{result}}", { ...values, result: null })).toBe(
      "host_down -",
    );
  });

  it("leaves what is not a field as written", () => {
    expect(renderTemplate("{{nope}} {{id}}", values)).toBe("{{nope}} 42");
    expect(unknownTemplateFields("{{nope}} {{id}} {{ link }} {{Bad}}")).toEqual(["nope"]);
  });
});

describe("chatRequestBody", () => {
  const body = (kind: (typeof CHAT_KINDS)[number], template: string | null = "hi {{id}}") =>
    JSON.parse(chatRequestBody({ kind, template, values }).toString()) as unknown;

  it("builds each robot's own JSON shape", () => {
    expect(body("feishu")).toEqual({ msg_type: "text", content: { text: "hi 42" } });
    expect(body("dingtalk")).toEqual({
      msgtype: "markdown",
      markdown: { title: "hi 42", text: "hi 42" },
    });
    expect(body("wecom")).toEqual({ msgtype: "markdown", markdown: { content: "hi 42" } });
    expect(body("slack")).toEqual({ text: "hi 42" });
  });

  it("has a default per shape that names the resource, the outcome and links the delivery", () => {
    for (const kind of CHAT_KINDS) {
      const text = JSON.stringify(body(kind, null));
      for (const part of ["server", "web-1", "host_down", "failed", values.link as string])
        expect(text).toContain(part);
      expect(unknownTemplateFields(DEFAULT_TEMPLATES[kind])).toEqual([]);
    }
  });

  it("keeps DingTalk's title short and free of markdown", () => {
    const shaped = body("dingtalk", null) as { markdown: { title: string } };
    expect(shaped.markdown.title).toBe("[Hooklens] server web-1");
  });
});
