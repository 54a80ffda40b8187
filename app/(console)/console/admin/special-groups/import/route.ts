import { rm } from "node:fs/promises";
import { authorize } from "@/lib/auth/access";
import { receiveXlsx } from "@/lib/http/upload";
import { specialImportOptionsSchema } from "@/lib/schemas/school-admin";
import { beginSpecialGroupImport } from "@/lib/services/special-groups";

/** Queues the import of a central special-group list (a worker runs it); the page polls ../jobs/[id]. */
export async function POST(request: Request) {
  const auth = await authorize("special_group.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const up = await receiveXlsx(request);
  if (!up.ok) return Response.json({ error: up.message }, { status: up.status });
  const opts = specialImportOptionsSchema.safeParse({
    category: String(up.form.get("category") ?? ""),
    listYear: String(up.form.get("listYear") ?? ""),
  });
  if (!opts.success) {
    await rm(up.filePath, { force: true });
    return Response.json({ error: opts.error.issues[0]!.message }, { status: 400 });
  }
  const r = await beginSpecialGroupImport(auth.user, {
    filePath: up.filePath,
    fileName: up.fileName,
    ...opts.data,
    removeFile: true,
  });
  // Access was checked above: a refusal here is about the import itself (e.g. one already running).
  if (!r.ok) return Response.json({ error: r.message }, { status: 409 });
  return Response.json({ jobId: r.data.jobId });
}
