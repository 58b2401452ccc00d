import type { z } from "zod";
import { API_BODY_BYTES, bodyLimitFor } from "../limits/body-limits";
import { ApiError } from "./api-error";
import { readCappedBody } from "./read-capped-body";

/** zod issues as field errors, with dotted paths in the API's snake_case. */
export function fieldErrors(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join(".") || "(body)",
    message: issue.message,
  }));
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const first = fields[0];
    throw new ApiError(
      "invalid_input",
      first ? `${first.field}: ${first.message}` : "Invalid input.",
      fields,
    );
  }
  return parsed.data;
}

/** The request's JSON body, read as it streams in and never held past the route's cap. */
export async function readJson(request: Request): Promise<unknown> {
  const maxBytes = bodyLimitFor(new URL(request.url).pathname) ?? API_BODY_BYTES;
  const bytes = await readCappedBody(request, { maxBytes });
  if (bytes === null)
    throw new ApiError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
}

/** Query parameters as a plain object (last value wins). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return Response.json(error.toBody(), { status: error.status });
  console.error(error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

/** Wraps a route handler so that every thrown error becomes the API's error body. */
export function handleRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
