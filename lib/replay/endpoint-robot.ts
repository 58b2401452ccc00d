import "server-only";
import { jsonObjectOrEmpty } from "../cloudpods/parse-json";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { getPrisma } from "../db/prisma";
import { invalidField } from "../http/api-error";

/** An endpoint's robot settings, secret_key included: only ever used to sign, never shown. */
export async function endpointRobot(options: { id: string }): Promise<RobotSettings> {
  const row = await getPrisma().endpoint.findUnique({ where: { id: options.id } });
  if (!row) throw invalidField("endpoint_id", "no such endpoint");
  return {
    header: jsonObjectOrEmpty(row.header),
    body: jsonObjectOrEmpty(row.body),
    msgKey: row.msgKey,
    secretKey: row.secretKey,
    useTemplate: row.useTemplate,
  };
}
