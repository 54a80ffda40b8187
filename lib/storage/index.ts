/**
 * The evidence store of this process. EVIDENCE_STORAGE selects the
 * implementation; only "local" (the default) exists so far. An
 * S3-compatible store would be added as another FileStorage and chosen here.
 */
import path from "node:path";
import { LocalDiskStorage } from "./local-disk";
import type { FileStorage } from "./types";

export type { FileStorage } from "./types";

/** `${AID_DATA_DIR ?? .data}/evidence`: beside the database folder, never under public/. */
export const evidenceDir = () => path.resolve(process.env.AID_DATA_DIR ?? ".data", "evidence");

const holder = globalThis as unknown as { __aidEvidenceStorage?: FileStorage };

export function evidenceStorage(): FileStorage {
  if (!holder.__aidEvidenceStorage) {
    const kind = process.env.EVIDENCE_STORAGE ?? "local";
    if (kind !== "local") throw new Error(`EVIDENCE_STORAGE=${kind} is not supported (only "local").`);
    holder.__aidEvidenceStorage = new LocalDiskStorage(evidenceDir());
  }
  return holder.__aidEvidenceStorage;
}

/** For tests: use another store (e.g. a temporary folder). */
export function setEvidenceStorage(storage: FileStorage): void {
  holder.__aidEvidenceStorage = storage;
}
