"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { reloadAt } from "@/lib/auth/login-url";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { useLogInMutation } from "@/lib/query/auth";
import { Button } from "@/components/ui/button";

function failureText(error: Error): string {
  if (error instanceof ApiRequestError && error.status === 401)
    return "That is not the admin token.";
  if (error instanceof ApiRequestError && error.status === 429)
    return "Too many wrong tokens from this address. Wait a minute and try again.";
  return error.message;
}

/**
 * The admin token form. The login link Hooklens prints carries the token in the URL
 * fragment (#token=…), which never reaches a server or a log: the form reads it, logs
 * in, and drops it from the address bar.
 */
export function LoginForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const logIn = useLogInMutation();
  const fromLink = useRef(false);

  const { mutate } = logIn;

  useEffect(() => {
    const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (!match?.[1] || fromLink.current) return;
    fromLink.current = true;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    mutate(decodeURIComponent(match[1]), { onSuccess: () => reloadAt(next) });
  }, [mutate, next]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) mutate(token.trim(), { onSuccess: () => reloadAt(next) });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium text-slate-700" htmlFor="admin-token">
        Admin token
      </label>
      <input
        id="admin-token"
        name="token"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={token}
        onChange={(event) => setToken(event.target.value)}
        className="w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm"
      />
      {logIn.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {failureText(logIn.error)}
        </p>
      ) : null}
      <Button
        variant="primary"
        size="md"
        type="submit"
        disabled={logIn.isPending || logIn.isSuccess}
      >
        {logIn.isPending || logIn.isSuccess ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
