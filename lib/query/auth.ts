"use client";
import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export function postLogIn(token: string) {
  return fetchJson<null>("/api/auth/login", { method: "POST", body: JSON.stringify({ token }) });
}

export function postLogOut() {
  return fetchJson<null>("/api/auth/logout", { method: "POST" });
}

/** Trades the admin token for the session cookie (httpOnly: the page never sees it). */
export function useLogInMutation() {
  return useMutation({ mutationFn: postLogIn });
}

export function useLogOutMutation() {
  return useMutation({ mutationFn: postLogOut });
}
