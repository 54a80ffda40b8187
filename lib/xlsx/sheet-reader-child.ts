/**
 * Child process of ./isolated-read.ts: reads one .xlsx with ./read.ts and
 * writes each row as a JSON line to stdout, waiting whenever the pipe is
 * full (the parent reads as fast as it imports). A problem with the file
 * ends with an `error` line carrying the Chinese message; running out of
 * heap (--max-old-space-size, set by the parent) ends the process, which the
 * parent reports. Run by Node as it is (type stripping): argv[2] is the
 * request as JSON.
 */
import { once } from "node:events";
import type { ChildMessage } from "./isolated-read.ts";
import { readSheetRows, XlsxInputError, type ReadOptions } from "./read.ts";

const request = JSON.parse(process.argv[2] ?? "{}") as ReadOptions & { file: string };

async function send(msg: ChildMessage): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(msg)}\n`)) await once(process.stdout, "drain");
}

async function main(): Promise<void> {
  const progress = { read: 0, total: 0, sent: -1 };
  try {
    for await (const row of readSheetRows(request.file, {
      ...request,
      onProgress: (read, total) => {
        progress.read = read;
        progress.total = total;
      },
    })) {
      if (progress.read !== progress.sent) {
        progress.sent = progress.read;
        await send({ t: "progress", read: progress.read, total: progress.total });
      }
      await send({ t: "row", row });
    }
    await send({ t: "end", maxRssKb: process.resourceUsage().maxRSS });
  } catch (e) {
    if (e instanceof XlsxInputError) await send({ t: "error", message: e.message });
    else {
      console.error(e);
      process.exitCode = 1;
    }
  }
}

await main();
