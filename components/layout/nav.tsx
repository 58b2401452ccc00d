"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { LogOutButton } from "@/components/auth/log-out-button";
import type { ThemeChoice } from "@/lib/ui/theme";
import { DisplayMenu } from "./display-menu";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { SavedViewsMenu } from "./saved-views-menu";
import { Button } from "@/components/ui/button";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/events", label: "Events" },
  { href: "/resources", label: "Resources" },
  { href: "/replays", label: "Replays" },
  { href: "/forwards", label: "Forwarding" },
  { href: "/endpoints", label: "Endpoints" },
  { href: "/setup", label: "Setup" },
];

function Logo() {
  return (
    <Link href="/" className="font-semibold tracking-tight text-slate-900">
      Hook<span className="text-indigo-600">lens</span>
    </Link>
  );
}

/**
 * The header: on a wide screen every link in one row; on a phone (below md) the links
 * and settings fold behind a Menu button. A stranger on the login page sees the name only.
 */
export function Nav({ theme }: { theme: ThemeChoice }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  if (pathname === "/login") {
    return (
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-3">
          <Logo />
        </div>
      </header>
    );
  }
  const close = () => setOpen(false);
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
        aria-label="Main"
      >
        <Logo />
        <Button
          className="ml-auto md:hidden"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen(!open)}
        >
          {open ? "Close" : "Menu"}
        </Button>
        <div
          id="main-menu"
          className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 md:flex md:w-auto md:flex-1 md:flex-row md:items-center`}
        >
          <ul className="flex flex-col gap-1 text-sm md:flex-row">
            {LINKS.map((link) => {
              const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    onClick={close}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded px-3 py-1.5 ${active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="flex flex-wrap items-center gap-1 border-t border-slate-200 pt-2 md:ml-auto md:border-0 md:pt-0">
            <SavedViewsMenu onOpen={close} />
            <DisplayMenu initialTheme={theme} />
            <LogOutButton />
          </div>
        </div>
      </nav>
      <KeyboardShortcuts />
    </header>
  );
}
