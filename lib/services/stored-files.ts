/** Putting an uploaded file into the (encrypted) store, for the services that accept files. */
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
    if (error instanceof StorageUnavailableError) return fail(error.message, { [field]: error.message });
    throw error;
  }
}
