import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createSheetWriter } from "@/lib/xlsx";

describe("SheetWriter.ready", () => {
  it("waits while nobody reads the output, and resolves once it is read", async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const writer = createSheetWriter(out, { name: "s", columns: [{ header: "a" }, { header: "b" }] });
    const page = (first: number) => {
      for (let row = first; row < first + 2_000; row++)
        writer.addRow([`第${row}行的一些文字，足够长以填满缓冲区`, row]);
    };
    // A paged export: a page of rows, the next page's query (the first page reaches the output meanwhile),
    // the next page, then ready() before the third query: the unread output holds it back.
    // The rows reach the output through zlib on the thread pool: on a loaded machine that takes a while, so
    // pages go in until the unread output is full (not after a fixed sleep).
    const deadline = Date.now() + 20_000;
    for (let first = 0; !out.writableNeedDrain && Date.now() < deadline; first += 2_000) {
      page(first);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let ready = false;
    const waiting = writer.ready!().then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out.writableNeedDrain).toBe(true);
    expect(ready).toBe(false);
    out.resume(); // the download starts taking bytes
    await waiting;
    expect(ready).toBe(true);
    await writer.finish();
  }, 30_000);
});
