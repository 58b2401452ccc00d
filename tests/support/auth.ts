import { TEST_ADMIN_TOKEN } from "./start-server";

/** Logs in through the login API as the login page does; returns the Cookie header value. */
export async function logIn(baseUrl: string, token = TEST_ADMIN_TOKEN): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ token }),
  });
  const setCookie = response.headers.get("set-cookie") ?? "";
  const pair = /hooklens_session=[^;]+/.exec(setCookie)?.[0];
  if (response.status !== 204 || !pair)
    throw new Error(`login answered ${response.status}: ${setCookie}`);
  return pair;
}

/** One request without the harness's Bearer header; reads the body unless it is a stream. */
export async function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, redirect: "manual", signal: controller.signal });
  const streaming = response.headers.get("content-type")?.startsWith("text/event-stream");
  const text = streaming ? "" : await response.text();
  controller.abort();
  return { status: response.status, headers: response.headers, text };
}
