/**
 * Reading the support desk's multipart posts (a filing or a message with up to 3 files): the text fields
 * and the chosen files, within a body limit. Shared by app/api/support/route.ts and …/[problemId]/messages.
 */
import { EMPTY_MESSAGE, EVIDENCE_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import type { Failure } from "@/lib/domain/result";
import { readLimitedForm } from "./multipart";

/** Three files of at most 10 MB plus the text fields. */
export const SUPPORT_MAX_BODY = 3 * EVIDENCE_MAX_BYTES + 64 * 1024;

export type SupportUpload =
  | { ok: true; fields: Record<string, string>; files: { originalName: string; bytes: Uint8Array }[] }
  | { ok: false; failure: Pick<Failure, "code" | "message" | "fieldErrors">; status?: number };

export async function readSupportUpload(req: Request): Promise<SupportUpload> {
  const body = await readLimitedForm(req, SUPPORT_MAX_BODY);
  if (!body.ok)
    return body.tooLarge
      ? {
          ok: false,
          failure: { code: "LIMIT", message: TOO_LARGE_MESSAGE, fieldErrors: { files: TOO_LARGE_MESSAGE } },
          status: 413,
        }
      : { ok: false, failure: { code: "INVALID", message: "提交没有完成，请检查网络后重试。" } };
  const fields: Record<string, string> = {};
  const files: { originalName: string; bytes: Uint8Array }[] = [];
  for (const [name, value] of body.form.entries()) {
    if (typeof value === "string") fields[name] = value;
    else if (name === "files" && value.name !== "") {
      if (value.size === 0)
        return {
          ok: false,
          failure: { code: "INVALID", message: EMPTY_MESSAGE, fieldErrors: { files: EMPTY_MESSAGE } },
        };
      if (value.size > EVIDENCE_MAX_BYTES)
        return {
          ok: false,
          failure: {
            code: "LIMIT",
            message: TOO_LARGE_MESSAGE,
            fieldErrors: { files: `${value.name}：${TOO_LARGE_MESSAGE}` },
          },
          status: 413,
        };
      files.push({ originalName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, fields, files };
}
