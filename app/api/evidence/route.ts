/**
 * Evidence upload (multipart: personId, purpose, file). Called by the
 * evidence page with XMLHttpRequest so the applicant sees upload progress.
 * Answers JSON { message, fieldErrors?, id? } with a Chinese message.
 */
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { EMPTY_MESSAGE, EVIDENCE_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import { readLimitedForm, sameOrigin } from "@/lib/http/multipart";
import { personIdSchema } from "@/lib/schemas/application";
import { uploadEvidence } from "@/lib/services/evidence";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One file of at most 10 MB plus the multipart envelope and the two small fields. */
const MAX_BODY = EVIDENCE_MAX_BYTES + 64 * 1024;

const json = (status: number, body: { message: string; fieldErrors?: Record<string, string>; id?: string }) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(req: Request): Promise<Response> {
  const auth = await authorize("evidence.upload");
  if (!auth.ok) return json(auth.status, { message: auth.message });
  if (!sameOrigin(req)) return json(403, { message: "请求来源无效，请在本系统页面中上传。" });
  // The body is counted while it is read (lib/http/multipart.ts), so a chunked upload without Content-Length cannot exceed the limit either.
  const body = await readLimitedForm(req, MAX_BODY);
  if (!body.ok) {
    if (body.tooLarge)
      return json(413, { message: TOO_LARGE_MESSAGE, fieldErrors: { file: TOO_LARGE_MESSAGE } });
    return json(400, { message: "上传没有完成，请检查网络后重新选择文件上传。" });
  }
  const form = body.form;
  const personId = personIdSchema.safeParse(form.get("personId"));
  if (!personId.success) return json(400, { message: "链接无效，请从申请页面重新进入。" });
  const file = form.get("file");
  if (!(file instanceof File))
    return json(400, { message: "请先选择要上传的文件。", fieldErrors: { file: "请选择文件" } });
  // A 0-byte file was chosen (e.g. a download that did not finish): say so, not "choose a file".
  if (file.size === 0) return json(400, { message: EMPTY_MESSAGE, fieldErrors: { file: EMPTY_MESSAGE } });
  if (file.size > EVIDENCE_MAX_BYTES)
    return json(413, { message: TOO_LARGE_MESSAGE, fieldErrors: { file: TOO_LARGE_MESSAGE } });

  const r = await uploadEvidence(
    auth.user,
    {
      personId: personId.data,
      purpose: String(form.get("purpose") ?? ""),
      originalName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    },
    await requestIp(),
  );
  return r.ok
    ? json(201, { message: "上传成功。", id: r.data.id })
    : json(400, { message: r.message, fieldErrors: r.fieldErrors });
}
