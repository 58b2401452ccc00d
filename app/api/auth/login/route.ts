import { z } from "zod";
import { clientAddress, isSecureRequest } from "@/lib/auth/client-address";
import { logIn } from "@/lib/auth/log-in";
import { ApiError } from "@/lib/http/api-error";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

const LogInInput = z.object({ token: z.string().min(1).max(1024) });

/** POST {"token"} → 204 with the session cookie; 401 on a wrong token; 429 past the limit. */
export const POST = handleRoute(async (request) => {
  const { token } = parseInput(LogInInput, await readJson(request));
  const result = await logIn({
    token,
    client: clientAddress(request),
    secure: isSecureRequest(request),
  });
  if (result.ok)
    return new Response(null, { status: 204, headers: { "set-cookie": result.setCookie } });
  if (result.reason === "wrong_token") throw new ApiError("unauthorized", "Wrong admin token.");
  const error = new ApiError(
    "rate_limited",
    "Too many wrong admin tokens from this address; wait and retry.",
  );
  return Response.json(error.toBody(), {
    status: error.status,
    headers: { "retry-after": String(result.retryAfterSeconds) },
  });
});
