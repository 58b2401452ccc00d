"use client";
import { usePathname } from "next/navigation";
import { loginUrl, reloadAt } from "@/lib/auth/login-url";
import { useLogOutMutation } from "@/lib/query/auth";

/** Ends this browser's session and returns to the login page. */
export function LogOutButton() {
  const pathname = usePathname();
  const logOut = useLogOutMutation();
  if (pathname === "/login") return null;
  return (
    <button
      type="button"
      onClick={() => logOut.mutate(undefined, { onSettled: () => reloadAt(loginUrl()) })}
      disabled={logOut.isPending}
      className="rounded px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
    >
      Log out
    </button>
  );
}
