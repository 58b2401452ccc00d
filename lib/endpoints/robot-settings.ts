import type { RobotSettings } from "../cloudpods/render-delivery";
import { parseObject, type EndpointRow } from "./endpoint-view";

/** The robot settings an endpoint expects, as render-delivery takes them. */
export function robotSettingsOf(row: EndpointRow): RobotSettings {
  return {
    header: parseObject(row.header),
    body: parseObject(row.body),
    msgKey: row.msgKey,
    secretKey: row.secretKey,
    useTemplate: row.useTemplate,
  };
}
