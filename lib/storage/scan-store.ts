/**
 * Minimal local storage for the scanned paper application form (SPEC §2),
 * kept small on purpose: files go outside the web root under a random key
 * in the data folder. If the evidence-upload feature's storage interface is
 * merged, paper scans should move to it.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** The file type by its first bytes (never the name or the browser's claim); null when not JPEG, PNG or PDF. */
export function sniffScanType(bytes: Uint8Array): "image/jpeg" | "image/png" | "application/pdf" | null {
  const b = (i: number) => bytes[i];
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  return null;
}

const root = () => path.resolve(process.env.AID_DATA_DIR ?? ".data", "files");

export async function storeScan(bytes: Uint8Array): Promise<{ storageKey: string; sha256: string }> {
  const storageKey = `scan/${crypto.randomBytes(16).toString("hex")}`;
  const file = path.join(root(), storageKey);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes, { flag: "wx" });
  return { storageKey, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
}
