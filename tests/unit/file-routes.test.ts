/**
 * Every route handler that answers with a stored file (fileResponse) is
 * listed in FILE_ROUTE_PATHS, so that proxy.ts gives it the sandboxing CSP
 * instead of the page CSP (tests/e2e/security-headers.spec.ts checks the
 * headers through HTTP).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { servesStoredFile } from "@/lib/http/file-response";

const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) routeFiles(p, out);
    else if (e.name === "route.ts") out.push(p);
  }
  return out;
}

/** app/(console)/console/x/[id]/route.ts → /console/x/some-id */
const urlOf = (file: string) =>
  `/${path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? "cmfile0000000000000000001" : s))
    .join("/")}`;

describe("stored-file routes get the sandboxing CSP from proxy.ts", () => {
  it("lists every route that answers with fileResponse, and no page", () => {
    const fileRoutes = routeFiles(path.join(ROOT, "app")).filter((f) =>
      fs.readFileSync(f, "utf8").includes("fileResponse("),
    );
    expect(fileRoutes.length).toBeGreaterThanOrEqual(2);
    for (const f of fileRoutes) expect(servesStoredFile(urlOf(f)), urlOf(f)).toBe(true);
    for (const p of ["/api/evidence", "/console/admin/special-groups", "/login", "/portal/apply/x/evidence"])
      expect(servesStoredFile(p), p).toBe(false);
  });
});
