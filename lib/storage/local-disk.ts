/**
 * Local-disk store: files under a folder outside the web root (by default
 * `${AID_DATA_DIR ?? .data}/evidence/`), named by 32 random bytes in hex and
 * fanned out into 256 sub-folders. Keys are checked against that exact form
 * before touching the disk, so a key can never point outside the folder.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileStorage } from "./types";

const KEY = /^[a-f0-9]{64}$/;

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string | null {
    return KEY.test(key) ? path.join(this.root, key.slice(0, 2), key) : null;
  }

  async put(data: Uint8Array): Promise<string> {
    const key = randomBytes(32).toString("hex");
    const file = this.pathOf(key)!;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written under a temporary name first, so a crash never leaves half a file under the key.
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, data, { mode: 0o600, flag: "wx" });
    await rename(tmp, file);
    return key;
  }

  /** The parts written with one gathering write (no joined copy of the body). */
  async putParts(parts: () => Iterable<Uint8Array>, length: number): Promise<string> {
    const key = randomBytes(32).toString("hex");
    const file = this.pathOf(key)!;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await open(tmp, "wx", 0o600);
    try {
      const buffers = [...parts()];
      let written = 0;
      // writev may write fewer bytes than asked; write the rest until all `length` bytes are on disk.
      for (let offset = 0; written < length;) {
        const { bytesWritten } = await handle.writev(buffers.slice(offset));
        written += bytesWritten;
        let skip = bytesWritten;
        while (offset < buffers.length && skip >= buffers[offset]!.byteLength)
          skip -= buffers[offset++]!.byteLength;
        if (skip > 0) buffers[offset] = buffers[offset]!.subarray(skip);
        if (bytesWritten === 0) throw new Error("could not write the file");
      }
    } catch (error) {
      await handle.close();
      await rm(tmp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(tmp, file);
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    const file = this.pathOf(key);
    if (!file) return null;
    try {
      return new Uint8Array(await readFile(file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    if (file) await rm(file, { force: true });
  }
}
