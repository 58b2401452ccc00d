import { pathOf } from "../auth/public-paths";

/**
 * Requests no route can mean, refused at the gate before Next.js sees them: Next answers
 * 500 to a path whose percent-escapes do not decode (`/api/endpoints/%ff`: its router's
 * decodeURIComponent throws) and to methods it has no handler type for (TRACE). Both are
 * the client's mistake, so they get the 4xx that says so (issue 13, item 6).
 */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export type TargetRefusal = { status: 400 | 405; code: string; message: string };

export function refuseRequestTarget(method: string, target: string): TargetRefusal | null {
  if (!ALLOWED_METHODS.includes(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `${method} is not a method Hooklens answers (${ALLOWED_METHODS.join(", ")}).`,
    };
  }
  try {
    decodeURIComponent(pathOf(target));
  } catch {
    return {
      status: 400,
      code: "bad_request",
      message: "The request path has a percent-escape that is not UTF-8.",
    };
  }
  return null;
}
