import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hooklens",
  description: "Receive, inspect and replay Cloudpods webhook deliveries",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <Nav />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
