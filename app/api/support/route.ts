/**
 * Files a support problem (multipart: the form's fields and up to 3 files). Posted by the filing form
 * (components/support/problem-form.tsx); answers the JSON shape of lib/http/json-answer.ts.
 */
import { authorize } from "@/lib/auth/access";
import { jsonFailure, jsonSuccess } from "@/lib/http/json-answer";
import { sameOrigin } from "@/lib/http/multipart";
import { readSupportUpload } from "@/lib/http/support-upload";
import { fileSupportProblem } from "@/lib/services/support-desk";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const auth = await authorize("support.file");
  if (!auth.ok) return jsonFailure(auth);
  if (!sameOrigin(req))
    return jsonFailure({ code: "FORBIDDEN", message: "请求来源无效，请在本系统页面中提交。" });
  const upload = await readSupportUpload(req);
  if (!upload.ok) return jsonFailure(upload.failure, upload.status);
  const filed = await fileSupportProblem(auth.user, upload.fields, upload.files);
  if (!filed.ok) return jsonFailure(filed, filed.code === "LIMIT" ? 413 : undefined);
  return jsonSuccess("问题已提交。", filed.data, 201);
}
