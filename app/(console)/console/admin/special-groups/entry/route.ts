/**
 * 自采集: adds one special-group entry with its evidence file (multipart:
 * category, listYear, name, idNumber, note, evidence). A route handler, not a
 * server action, because the file may be up to 10 MB. Answers JSON
 * { ok, message, fieldErrors? } with a Chinese message.
 */
import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { EVIDENCE_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import { readLimitedForm, sameOrigin } from "@/lib/http/multipart";
import { addSpecialGroupEntry } from "@/lib/services/special-groups";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY = EVIDENCE_MAX_BYTES + 64 * 1024;
const FIELDS = ["category", "name", "idNumber", "listYear", "note"] as const;

const json = (status: number, body: { ok: boolean; message: string; fieldErrors?: Record<string, string> }) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(req: Request): Promise<Response> {
  const auth = await authorize("special_group.add");
  if (!auth.ok) return json(auth.status, { ok: false, message: auth.message });
  if (!sameOrigin(req)) return json(403, { ok: false, message: "请求来源无效，请在本系统页面中提交。" });
  const body = await readLimitedForm(req, MAX_BODY);
  if (!body.ok) {
    return body.tooLarge
      ? json(413, { ok: false, message: TOO_LARGE_MESSAGE, fieldErrors: { evidence: TOO_LARGE_MESSAGE } })
      : json(400, { ok: false, message: "上传没有完成，请检查网络后重新提交。" });
  }
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(body.form.get(k) ?? "")]));
  const file = body.form.get("evidence");
  const evidence =
    file instanceof File && file.size > 0
      ? { originalName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : null;
  const r = await addSpecialGroupEntry(auth.user, values, evidence, await requestIp());
  if (!r.ok) return json(400, { ok: false, message: r.message, fieldErrors: r.fieldErrors });
  revalidatePath("/console/admin/special-groups");
  const message = r.data.matched
    ? "已添加，并已比对到本校学生。"
    : "已添加；该身份证件号不是本校学生，暂未比对上（导入名册后会自动再比对）。";
  return json(r.data.created ? 201 : 200, {
    ok: true,
    message: r.data.evidenceAttached
      ? message
      : `${message}该条目此前已有佐证材料，本次上传的文件未重复保存。`,
  });
}
