import { pathOf } from "../auth/public-paths";

/**
 * Requests no route can mean, refused at the gate before Next.js sees them: Next answers
 * 500 to a path whose percent-escapes do not decode (`/api/endpoints/%ff`: its router's
 * decodeURIComponent throws) and to methods it has no handler type for (TRACE). Both are
 * the client's mistake, so they get the 4xx that says so (issue 13, item 6). So is a NUL
 * (`%00`) in the path: no id, token or page holds one, and PostgreSQL refuses it in a
 * text parameter outright (a look-up by it would answer 500 there, 404 on SQLite).
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
  let path: string;
  try {
    path = decodeURIComponent(pathOf(target));
  } catch {
    return {
      status: 400,
      code: "bad_request",
      message: "The request path has a percent-escape that is not UTF-8.",
    };
  }
  if (path.includes("\0"))
    return { status: 400, code: "bad_request", message: "The request path has a NUL (%00)." };
  return null;
}
