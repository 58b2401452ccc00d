import "server-only";
import { isPlainObject } from "../cloudpods/parse-json";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { getPrisma } from "../db/prisma";
import { ApiError } from "../http/api-error";

function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** An endpoint's robot settings, secret_key included: only ever used to sign, never shown. */
export async function endpointRobot(options: { id: string }): Promise<RobotSettings> {
  const row = await getPrisma().endpoint.findUnique({ where: { id: options.id } });
  if (!row) {
    throw new ApiError("invalid_input", "endpoint_id: no such endpoint", [
      { field: "endpoint_id", message: "no such endpoint" },
    ]);
  }
  return {
    header: jsonObject(row.header),
    body: jsonObject(row.body),
    msgKey: row.msgKey,
    secretKey: row.secretKey,
    useTemplate: row.useTemplate,
  };
}
