/**
 * A reply or an internal note on a support problem (multipart: body, internal, up to 3 files). Posted by
 * components/support/message-form.tsx; answers the JSON shape of lib/http/json-answer.ts.
 */
import { authorize } from "@/lib/auth/access";
import { jsonFailure, jsonSuccess } from "@/lib/http/json-answer";
import { sameOrigin } from "@/lib/http/multipart";
import { readSupportUpload } from "@/lib/http/support-upload";
import { postSupportMessage } from "@/lib/services/support-desk";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(
  req: Request,
  { params }: { params: Promise<{ problemId: string }> },
): Promise<Response> {
  const auth = await authorize("support.view_own");
  if (!auth.ok) return jsonFailure(auth);
  if (!sameOrigin(req))
    return jsonFailure({ code: "FORBIDDEN", message: "请求来源无效，请在本系统页面中提交。" });
  const { problemId } = await params;
  const upload = await readSupportUpload(req);
  if (!upload.ok) return jsonFailure(upload.failure, upload.status);
  const posted = await postSupportMessage(auth.user, problemId, upload.fields, upload.files);
  if (!posted.ok) return jsonFailure(posted, posted.code === "LIMIT" ? 413 : undefined);
  return jsonSuccess(upload.fields.internal ? "内部备注已保存。" : "回复已发送。", posted.data, 201);
}
