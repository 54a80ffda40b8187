/**
 * Evidence upload (multipart: personId, purpose, file). Called by the
 * evidence page with XMLHttpRequest so the applicant sees upload progress.
 * Answers the JSON shape of lib/http/json-answer.ts.
 */
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { EMPTY_MESSAGE, EVIDENCE_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import { jsonFailure, jsonSuccess } from "@/lib/http/json-answer";
import { readLimitedForm, sameOrigin } from "@/lib/http/multipart";
import { personIdSchema } from "@/lib/schemas/application";
import { uploadEvidence } from "@/lib/services/evidence";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One file of at most 10 MB plus the multipart envelope and the two small fields. */
const MAX_BODY = EVIDENCE_MAX_BYTES + 64 * 1024;
const TOO_LARGE = {
  code: "LIMIT",
  message: TOO_LARGE_MESSAGE,
  fieldErrors: { file: TOO_LARGE_MESSAGE },
} as const;

export async function POST(req: Request): Promise<Response> {
  const auth = await authorize("evidence.upload");
  if (!auth.ok) return jsonFailure(auth);
  if (!sameOrigin(req))
    return jsonFailure({ code: "FORBIDDEN", message: "请求来源无效，请在本系统页面中上传。" });
  // The body is counted while it is read (lib/http/multipart.ts), so a chunked upload without Content-Length cannot exceed the limit either.
  const body = await readLimitedForm(req, MAX_BODY);
  if (!body.ok) {
    if (body.tooLarge) return jsonFailure(TOO_LARGE, 413);
    return jsonFailure({ code: "INVALID", message: "上传没有完成，请检查网络后重新选择文件上传。" });
  }
  const form = body.form;
  const personId = personIdSchema.safeParse(form.get("personId"));
  if (!personId.success)
    return jsonFailure({ code: "NOT_FOUND", message: "链接无效，请从申请页面重新进入。" });
  const file = form.get("file");
  if (!(file instanceof File))
    return jsonFailure({
      code: "INVALID",
      message: "请先选择要上传的文件。",
      fieldErrors: { file: "请选择文件" },
    });
  // A 0-byte file was chosen (e.g. a download that did not finish): say so, not "choose a file".
  if (file.size === 0)
    return jsonFailure({ code: "INVALID", message: EMPTY_MESSAGE, fieldErrors: { file: EMPTY_MESSAGE } });
  if (file.size > EVIDENCE_MAX_BYTES) return jsonFailure(TOO_LARGE, 413);

  const uploaded = await uploadEvidence(
    auth.user,
    {
      personId: personId.data,
      purpose: String(form.get("purpose") ?? ""),
      originalName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    },
    await requestIp(),
  );
  if (!uploaded.ok) return jsonFailure(uploaded, uploaded.code === "LIMIT" ? 413 : undefined);
  return jsonSuccess("上传成功。", { id: uploaded.data.id }, 201);
}
