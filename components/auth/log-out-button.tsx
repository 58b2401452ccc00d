"use client";
import { usePathname } from "next/navigation";
import { loginUrl, reloadAt } from "@/lib/auth/login-url";
import { useLogOutMutation } from "@/lib/query/auth";
import { Button } from "@/components/ui/button";

/** Ends this browser's session and returns to the login page. */
export function LogOutButton() {
  const pathname = usePathname();
  const logOut = useLogOutMutation();
  if (pathname === "/login") return null;
  return (
    <Button
      variant="ghost"
      onClick={() => logOut.mutate(undefined, { onSettled: () => reloadAt(loginUrl()) })}
      disabled={logOut.isPending}
    >
      Log out
    </Button>
  );
}
