import { authorize } from "@/lib/auth/access";
import { EVIDENCE_MAX_BYTES } from "@/lib/domain/evidence";
import { readLimitedForm, sameOrigin } from "@/lib/http/multipart";
import { attachScan } from "@/lib/services/paper-application";

/** One scan of at most 10 MB plus the multipart envelope. */
const MAX_BODY = EVIDENCE_MAX_BYTES + 64 * 1024;

/** POST multipart (field "scan"): attaches the scanned paper form, then back to the entry page with the outcome. */
export async function POST(
  req: Request,
  { params }: { params: Promise<{ personId: string }> },
): Promise<Response> {
  const { personId } = await params;
  // A relative Location: behind a proxy req.url may name another host than the browser used.
  const back = (q: string) =>
    new Response(null, {
      status: 303,
      headers: { location: `/console/teacher/paper/${encodeURIComponent(personId)}?${q}` },
    });
  const a = await authorize("paper.enter");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  if (!sameOrigin(req))
    return new Response("请求来源无效，请在本系统页面中上传。", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  // The body is counted while it is read, so an over-size upload stops at the limit.
  const body = await readLimitedForm(req, MAX_BODY);
  if (!body.ok)
    return back(
      `scanError=${encodeURIComponent(body.tooLarge ? "扫描件不能超过10MB，请压缩后重新上传。" : "上传没有完成，请重新选择文件上传。")}`,
    );
  const file = body.form.get("scan");
  if (!(file instanceof File))
    return back(`scanError=${encodeURIComponent("请选择纸质申请表的扫描件或照片。")}`);
  const r = await attachScan(a.user, personId, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  return r.ok ? back("scan=1") : back(`scanError=${encodeURIComponent(r.message)}`);
}
