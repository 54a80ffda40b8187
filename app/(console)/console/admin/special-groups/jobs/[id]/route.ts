import { authorize } from "@/lib/auth/access";
import { findImportJob } from "@/lib/db/import-jobs.repo";

/** Progress and result of one special-group list import of the caller's school. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("special_group.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const job = await findImportJob(auth.scope, (await params).id);
  if (!job || job.kind !== "SPECIAL_GROUP") return Response.json({ error: "导入记录不存在。" }, { status: 404 });
  return Response.json(job, { headers: { "cache-control": "no-store" } });
}
