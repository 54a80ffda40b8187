/**
 * The printed forms as PDF, for the term archive job (lib/services/term-archive-job.ts): the same components
 * the print pages show (components/print/*) rendered to one HTML document with the one print stylesheet
 * (components/print/print-styles.ts), printed on A4 by Chromium through playwright-core. The browser is
 * Debian's `/usr/bin/chromium` unless `CHROMIUM_PATH` names another (docs/deployment.md §4.5); the CJK
 * fonts come from the system (fonts-noto-cjk). One browser per job, one page per document set.
 *
 * Runs in the job workers only (scripts/server.ts, scripts/worker.ts): never imported by a page, so
 * react-dom/server stays out of the React Server Components graph.
 */
import "server-only";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { chromium, type Browser } from "playwright-core";
import { PRINT_CSS } from "@/components/print/print-styles";

/** The Chromium the PDF rendering launches. */
const chromiumPath = (): string => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** A whole HTML page holding `documents` (an element of components/print) with the print stylesheet. */
export function printHtml(title: string, documents: ReactElement): string {
  const page = createElement(
    "html",
    { lang: "zh-CN" },
    createElement(
      "head",
      null,
      createElement("meta", { charSet: "utf-8" }),
      createElement("title", null, title),
      createElement("style", null, PRINT_CSS),
    ),
    createElement("body", null, documents),
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}

export type PdfPrinter = {
  /** Prints one HTML page to an A4 PDF (the stylesheet's @page decides size and margins). */
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
};

/** Launches Chromium once for a series of PDFs. Throws when it cannot start (the job is retried). */
export async function openPdfPrinter(): Promise<PdfPrinter> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  // No network at all: the HTML is self-contained, anything it might ask for is refused.
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  return {
    async print(html) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: "load" });
        return await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
