/**
 * Reads an uploaded sheet in a child process, so that a hostile file (a zip
 * bomb, a shared-string table of gigabytes, a sheet that never ends) can
 * only exhaust the child: it runs `node --max-old-space-size=<heap>` and is
 * killed after a wall-clock limit. The web process receives only rows that
 * passed the bounds of ./read.ts, one JSON line each over a pipe; it reads
 * the next line only when the importer asks for the next row, so the child
 * waits (pipe back-pressure) while the database work runs.
 *
 * A child that dies or is killed ends the read with an XlsxInputError whose
 * Chinese message the import job records as its failure.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { XlsxInputError } from "./errors.ts";
import type { RawRow, ReadOptions } from "./read.ts";

export type IsolationOptions = {
  /** Heap limit of the child in MB (default IMPORT_WORKER_HEAP_MB or 512). */
  heapMb?: number;
  /** Wall-clock limit of the whole read in ms (default IMPORT_WORKER_TIMEOUT_MS or 30 minutes). */
  timeoutMs?: number;
};

/** The child's messages, one JSON object per line. */
export type ChildMessage =
  | { t: "row"; row: RawRow }
  | { t: "progress"; read: number; total: number }
  | { t: "error"; message: string }
  | { t: "end"; maxRssKb?: number };

/** Peak RSS of the last reading child that finished in this process, in KB (bench/import.ts reports it). */
export const lastReaderPeak = { maxRssKb: 0 };

const envNumber = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Longest line accepted from the child (a row is bounded by SHEET_BOUNDS far below this). */
const MAX_LINE_CHARS = 8 * 1024 * 1024;

export const DIED_MESSAGE =
  "文件解压后的内容过大或结构异常，读取时超出了内存上限，已停止导入（可能是恶意构造的文件）。请在 Excel 或 WPS 中打开后“另存为”新的 .xlsx 文件，或拆分成多个较小的文件后再导入。";
export const TIMEOUT_MESSAGE = (ms: number) =>
  `读取文件超过 ${ms >= 120_000 ? `${Math.round(ms / 60_000)} 分钟` : `${Math.ceil(ms / 1000)} 秒`}仍未完成，已停止导入。请检查文件是否异常（如大量空白行或列），或拆分成多个较小的文件后再导入。`;

function childScript(): string {
  // next start, vitest and the scripts all run from the project root.
  const file = path.join(process.cwd(), "lib/xlsx/sheet-reader-child.ts");
  if (!existsSync(file)) throw new Error(`sheet reader child not found at ${file}`);
  return file;
}

/** Like readSheetRows, but the file is parsed in a child process with its own heap and time limit. */
export async function* readSheetRowsIsolated(
  file: string,
  opts: ReadOptions & IsolationOptions = {},
): AsyncGenerator<RawRow> {
  const heapMb = opts.heapMb ?? envNumber("IMPORT_WORKER_HEAP_MB", 512);
  const timeoutMs = opts.timeoutMs ?? envNumber("IMPORT_WORKER_TIMEOUT_MS", 30 * 60_000);
  const request = JSON.stringify({
    file,
    maxBytes: opts.maxBytes,
    zipBounds: opts.zipBounds,
    sheetBounds: opts.sheetBounds,
  });
  // Small young-generation semi-spaces keep the reader's RSS near its live heap (bench/README.md §1).
  const semiMb = envNumber("IMPORT_WORKER_SEMI_SPACE_MB", 4);
  const flags = [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${semiMb}`];
  const child = spawn(process.execPath, [...flags, childScript(), request], {
    stdio: ["ignore", "pipe", "pipe"],
    // Nothing secret: the child needs no database, keys or session.
    env: Object.fromEntries(
      ["PATH", "TMPDIR", "NODE_ENV", "XLSX_DEBUG"].flatMap((k) =>
        process.env[k] ? [[k, process.env[k]]] : [],
      ),
    ) as NodeJS.ProcessEnv,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4000) stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
    // Could not start (or signal): without a listener the error would be thrown in the web process.
    child.once("error", (e) => {
      console.error("sheet reader child failed", e);
      resolve({ code: null, signal: null });
    });
  });
  child.stdout.setEncoding("utf8");
  let finished = false;
  try {
    let buffered = "";
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      buffered += chunk;
      if (buffered.length > MAX_LINE_CHARS && !buffered.includes("\n"))
        throw new XlsxInputError(DIED_MESSAGE);
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const msg = JSON.parse(line) as ChildMessage;
        if (msg.t === "row") yield msg.row;
        else if (msg.t === "progress") opts.onProgress?.(msg.read, msg.total);
        else if (msg.t === "error") {
          finished = true;
          throw new XlsxInputError(msg.message);
        } else if (msg.t === "end") {
          finished = true;
          lastReaderPeak.maxRssKb = Math.max(lastReaderPeak.maxRssKb, msg.maxRssKb ?? 0);
        }
      }
    }
    const { code, signal } = await exited;
    if (finished && code === 0) return;
    if (timedOut) throw new XlsxInputError(TIMEOUT_MESSAGE(timeoutMs));
    console.error("sheet reader child ended abnormally", { code, signal, stderr: stderr.slice(-1000) });
    throw new XlsxInputError(DIED_MESSAGE);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
