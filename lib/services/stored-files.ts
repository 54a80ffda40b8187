/** Putting an uploaded file into the (encrypted) store, for the services that accept files. */
import "server-only";
import type { FileStorage } from "@/lib/storage";
import { StorageUnavailableError } from "@/lib/storage/encrypted";
import { fail, ok, type ActionResult } from "@/lib/domain/result";

/**
 * The new file's storage key, or — when the store does not take it (an S3 endpoint down, say) — a
 * failure with the Chinese message on the form's `field`, before anything is written to the database.
 */
export async function storeOrRefuse(
  storage: FileStorage,
  bytes: Uint8Array,
  field = "file",
): Promise<ActionResult<string>> {
  try {
    return ok(await storage.put(bytes));
  } catch (error) {
    if (error instanceof StorageUnavailableError)
      return fail("UNAVAILABLE", error.message, { [field]: error.message });
    throw error;
  }
}

/**
 * The stored bytes (null when there are none), or — when the store does not answer — a 503 refusal
 * with the Chinese message, for the download routes (lib/http/file-response.ts).
 */
export async function readOrUnavailable(
  storage: FileStorage,
  key: string,
): Promise<{ ok: true; bytes: Uint8Array | null } | { ok: false; status: 503; message: string }> {
  try {
    return { ok: true, bytes: await storage.get(key) };
  } catch (error) {
    if (error instanceof StorageUnavailableError) return { ok: false, status: 503, message: error.message };
    throw error;
  }
}
