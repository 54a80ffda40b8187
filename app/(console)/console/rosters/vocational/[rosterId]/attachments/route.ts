/**
 * 资助名单公示 attachment upload of a 中职 monthly list (multipart: file). A route handler, not a server action,
 * because the file may be up to 10 MB. The type is checked by content (PDF or image) in
 * lib/services/vocational-roster-attachments.ts. Answers JSON { ok, message, fieldErrors? } in Chinese.
 */
import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/access";
import { EVIDENCE_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import { readLimitedForm, sameOrigin } from "@/lib/http/multipart";
import { attachPublicityFile } from "@/lib/services/vocational-roster-attachments";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY = EVIDENCE_MAX_BYTES + 64 * 1024;

const json = (status: number, body: { ok: boolean; message: string; fieldErrors?: Record<string, string> }) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(req: Request, { params }: { params: Promise<{ rosterId: string }> }) {
  const auth = await authorize("vocational_list.edit");
  if (!auth.ok) return json(auth.status, { ok: false, message: auth.message });
  if (!sameOrigin(req)) return json(403, { ok: false, message: "请求来源无效，请在本系统页面中提交。" });
  const body = await readLimitedForm(req, MAX_BODY);
  if (!body.ok)
    return body.tooLarge
      ? json(413, { ok: false, message: TOO_LARGE_MESSAGE, fieldErrors: { file: TOO_LARGE_MESSAGE } })
      : json(400, { ok: false, message: "上传没有完成，请检查网络后重新提交。" });
  const file = body.form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return json(400, {
      ok: false,
      message: "请选择公示附件（PDF 或图片）。",
      fieldErrors: { file: "请选择公示附件（PDF 或图片）" },
    });
  const { rosterId } = await params;
  const result = await attachPublicityFile(auth.user, rosterId, {
    originalName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok)
    return json(result.code === "NOT_FOUND" ? 404 : 400, {
      ok: false,
      message: result.message,
      fieldErrors: result.fieldErrors,
    });
  revalidatePath("/console/rosters/vocational", "layout");
  revalidatePath("/console/supervisor/vocational", "layout");
  return json(201, { ok: true, message: "已上传公示附件。" });
}
