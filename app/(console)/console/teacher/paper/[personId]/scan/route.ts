import { authorize } from "@/lib/auth/access";
import { attachScan } from "@/lib/services/paper-application";

/** POST multipart (field "scan"): attaches the scanned paper form, then back to the entry page with the outcome. */
export async function POST(req: Request, { params }: { params: Promise<{ personId: string }> }): Promise<Response> {
  const { personId } = await params;
  // A relative Location: behind a proxy req.url may name another host than the browser used.
  const back = (q: string) => new Response(null, { status: 303, headers: { location: `/console/teacher/paper/${encodeURIComponent(personId)}?${q}` } });
  const a = await authorize("paper.enter");
  if (!a.ok) return new Response(a.message, { status: a.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  const form = await req.formData().catch(() => null);
  const file = form?.get("scan");
  if (!(file instanceof File)) return back(`scanError=${encodeURIComponent("请选择纸质申请表的扫描件或照片。")}`);
  const r = await attachScan(a.user, personId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  return r.ok ? back("scan=1") : back(`scanError=${encodeURIComponent(r.message)}`);
}
