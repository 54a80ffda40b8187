import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage/local-disk";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "aid-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const store = new LocalDiskStorage(path.join(root, "evidence"));

describe("local-disk evidence storage", () => {
  it("stores bytes under a random opaque key and reads them back", async () => {
    const data = new TextEncoder().encode("%PDF-1.4 test\n%%EOF");
    const key = await store.put(data);
    expect(key).toMatch(/^[a-f0-9]{64}$/);
    expect(await store.get(key)).toEqual(data);
    const other = await store.put(data);
    expect(other).not.toBe(key);
  });

  it("keeps files inside its folder, unreadable to others, with no trace of the original name", async () => {
    const key = await store.put(new Uint8Array([1, 2, 3]));
    const file = path.join(root, "evidence", key.slice(0, 2), key);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.readdirSync(path.dirname(file)).some((n) => n.endsWith(".tmp"))).toBe(false);
  });

  it("deletes, and a deleted or unknown key reads as null", async () => {
    const key = await store.put(new Uint8Array([9]));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
    expect(await store.get("0".repeat(64))).toBeNull();
  });

  it("refuses keys that could reach outside the folder", async () => {
    fs.writeFileSync(path.join(root, "secret.txt"), "secret");
    for (const key of [
      "../secret.txt",
      "../../etc/passwd",
      "/etc/passwd",
      "A".repeat(64),
      "",
      "ab/../../secret.txt",
    ]) {
      expect(await store.get(key)).toBeNull();
      await store.delete(key);
    }
    expect(fs.existsSync(path.join(root, "secret.txt"))).toBe(true);
  });
});
