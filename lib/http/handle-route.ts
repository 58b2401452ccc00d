import type { z } from "zod";
import { API_BODY_BYTES, bodyLimitFor } from "../limits/body-limits";
import { ApiError } from "./api-error";
import { hasLoneSurrogate } from "./lone-surrogates";
import { readCappedBody } from "./read-capped-body";

/** zod issues as field errors, with dotted paths in the API's snake_case. */
export function fieldErrors(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join(".") || "(body)",
    message: issue.message,
  }));
}

function parseWith<T extends z.ZodType>(
  code: "invalid_input" | "bad_request",
  schema: T,
  input: unknown,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const first = fields[0];
    throw new ApiError(code, first ? `${first.field}: ${first.message}` : "Invalid input.", fields);
  }
  return parsed.data;
}

/** A JSON body or path parameter whose fields are invalid: 422, naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  return parseWith("invalid_input", schema, input);
}

/** Query parameters the API cannot read (an unknown kind, a bad time, a limit out of
 *  range, a search that does not parse): 400, naming the parameter and what it takes. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  return parseWith("bad_request", schema, query);
}

/** The request's JSON body, read as it streams in and never held past the route's cap. */
export async function readJson(request: Request): Promise<unknown> {
  const maxBytes = bodyLimitFor(new URL(request.url).pathname) ?? API_BODY_BYTES;
  const bytes = await readCappedBody(request, { maxBytes });
  if (bytes === null)
    throw new ApiError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  if (hasLoneSurrogate(text, parsed))
    throw new ApiError("bad_request", "The request body has a lone UTF-16 surrogate (\\ud800…).");
  return parsed;
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
