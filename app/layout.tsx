import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "学生资助申报与认定系统", template: "%s · 学生资助申报与认定系统" },
  description: "家庭经济困难学生网上申请、核实、认定与资助名单管理",
  // Files in public/ (a missing favicon answered 404 on every page).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so it carries the request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
