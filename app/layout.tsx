import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { parseTheme, THEME_COOKIE } from "@/lib/ui/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hooklens", template: "%s · Hooklens" },
  description: "Receive, inspect and replay Cloudpods webhook deliveries",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme switch's choice, so that the first paint already has it ("system": none).
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <Providers>
          <Nav theme={theme} />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
