"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LogOutButton } from "@/components/auth/log-out-button";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/events", label: "Events" },
  { href: "/resources", label: "Resources" },
  { href: "/replays", label: "Replays" },
  { href: "/endpoints", label: "Endpoints" },
  { href: "/setup", label: "Setup" },
];

export function Nav() {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3" aria-label="Main">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          Hook<span className="text-indigo-600">lens</span>
        </Link>
        <ul className="flex gap-1 text-sm">
          {LINKS.map((link) => {
            const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={active ? "page" : undefined}
                  className={`rounded px-3 py-1.5 ${active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <LogOutButton />
      </nav>
    </header>
  );
}
