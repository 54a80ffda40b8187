/**
 * Receiving an .xlsx upload in a route handler: size and type checks before
 * anything is parsed, then the file goes to a private temp file (the import
 * streams it from disk and deletes it when done).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { DEFAULT_MAX_XLSX_BYTES } from "@/lib/xlsx";
import { readLimitedForm, sameOrigin } from "./multipart";

export type Upload =
  | { ok: true; filePath: string; fileName: string; form: FormData }
  | { ok: false; message: string; status: number };

export async function receiveXlsx(request: Request, maxBytes = DEFAULT_MAX_XLSX_BYTES): Promise<Upload> {
  if (!sameOrigin(request))
    return { ok: false, status: 403, message: "请求来源无效，请在本系统页面中上传。" };
  // Counted while read (lib/http/multipart.ts): a chunked upload cannot exceed the limit either.
  const body = await readLimitedForm(request, maxBytes + 64 * 1024);
  if (!body.ok) {
    return body.tooLarge
      ? {
          ok: false,
          status: 413,
          message: `文件过大，上限为 ${Math.floor(maxBytes / 1048576)} MB。请拆分成多个文件后分别导入。`,
        }
      : { ok: false, status: 400, message: "上传失败，请重新选择文件。" };
  }
  const form = body.form;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, status: 400, message: "请选择要导入的 .xlsx 文件。" };
  if (!/\.xlsx$/i.test(file.name))
    return {
      ok: false,
      status: 400,
      message: "只支持 Excel 2007 及以上版本的 .xlsx 文件（.xls 或 .csv 请先在 Excel 中另存为 .xlsx）。",
    };
  if (file.size > maxBytes)
    return {
      ok: false,
      status: 413,
      message: `文件过大（${(file.size / 1048576).toFixed(1)} MB），上限为 ${Math.floor(maxBytes / 1048576)} MB。请拆分成多个文件后分别导入。`,
    };
  const dir = path.join(tmpdir(), "aid-uploads");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const filePath = path.join(dir, `${randomBytes(16).toString("hex")}.xlsx`);
  await pipeline(
    Readable.fromWeb(file.stream() as unknown as WebReadableStream),
    createWriteStream(filePath, { mode: 0o600 }),
  );
  return { ok: true, filePath, fileName: file.name, form };
}
