import { loginUrl, reloadAt } from "../auth/login-url";

/** The API's error body, thrown by fetchers so that views can show code and message. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; field?: string } };

export async function fetchJson<T>(
  url: string,
  init: RequestInit & { signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (response.status === 401 && typeof window !== "undefined" && !url.startsWith("/api/auth/")) {
    // The session ended (expired, or the admin token was rotated): back to the login page.
    reloadAt(loginUrl(window.location.pathname + window.location.search));
  }
  if (!response.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `Request failed with status ${response.status}`,
      error?.field,
    );
  }
  return body as T;
}

export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
