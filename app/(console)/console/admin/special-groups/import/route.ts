import { after } from "next/server";
import { authorize } from "@/lib/auth/access";
import { SPECIAL_CATEGORIES, type SpecialCategory } from "@/lib/domain/codes";
import { receiveXlsx } from "@/lib/http/upload";
import { beginSpecialGroupImport } from "@/lib/services/special-groups";

/** Starts the import of a central special-group list; the page polls ../jobs/[id]. */
export async function POST(request: Request) {
  const auth = await authorize("special_group.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const up = await receiveXlsx(request);
  if (!up.ok) return Response.json({ error: up.message }, { status: up.status });
  const raw = String(up.form.get("category") ?? "");
  const category = (SPECIAL_CATEGORIES as readonly string[]).includes(raw) ? (raw as SpecialCategory) : null;
  const listYear = Number(up.form.get("listYear"));
  if (!Number.isInteger(listYear) || listYear < 2000 || listYear > 2100) return Response.json({ error: "请填写名单年度（4位年份）。" }, { status: 400 });
  const r = await beginSpecialGroupImport(auth.user, { filePath: up.filePath, fileName: up.fileName, category, listYear, removeFile: true });
  if (!r.ok) return Response.json({ error: r.message }, { status: 403 });
  after(() => r.data.done);
  return Response.json({ jobId: r.data.jobId });
}
