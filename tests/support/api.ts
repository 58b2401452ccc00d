import { TEST_ADMIN_TOKEN } from "./start-server";

/** Speaks to the server's JSON API the way a client would, with the admin token. */
export async function api<T = unknown>(
  baseUrl: string,
  pathname: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(baseUrl + pathname, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    headers: response.headers,
  };
}

/** PUTs a setting; answers as api() does. */
export const putJson = <T = unknown>(baseUrl: string, pathname: string, json: unknown) =>
  api<T>(baseUrl, pathname, { method: "PUT", json });

/** Like api(), for answers that are not JSON (NDJSON and CSV exports). */
export async function apiText(
  baseUrl: string,
  pathname: string,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(baseUrl + pathname, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Posts one delivery exactly as given (the bytes are not re-serialized). */
export async function sendDelivery(
  url: string,
  delivery: {
    headers: Record<string, string> | Array<[string, string]>;
    body: string | Uint8Array<ArrayBuffer>;
  },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

export type EndpointBody = { id: string; token: string; receiver_url: string; name: string };

/** A fresh endpoint per test keeps tests' data apart. */
export async function createEndpoint(baseUrl: string, fields: Record<string, unknown> = {}) {
  const { status, body } = await api<EndpointBody>(baseUrl, "/api/endpoints", {
    json: { name: `test-${Math.random().toString(36).slice(2, 8)}`, ...fields },
  });
  if (status !== 201)
    throw new Error(`creating an endpoint answered ${status}: ${JSON.stringify(body)}`);
  // The server builds receiver URLs from the Host it was reached at.
  return { ...body, receiver_url: `${baseUrl}/api/hooks/${body.token}` };
}
