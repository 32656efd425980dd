import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Countinghouse", template: "%s · Countinghouse" },
  description: "A double-entry ledger for accounts, transfers, companies, a market and a shop.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js can only put proxy.ts's per-request CSP nonce on the
  // script tags of a page it renders now, not of one prerendered at build time.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
