import { isSecureRequest } from "@/lib/auth/client-address";
import { logOutCookie } from "@/lib/auth/log-in";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Clears the session cookie. Sessions are stateless: rotating the admin token ends all. */
export const POST = handleRoute(
  (request) =>
    new Response(null, {
      status: 204,
      headers: { "set-cookie": logOutCookie(isSecureRequest(request)) },
    }),
);
