import { authorize } from "@/lib/auth/access";
import { receiveXlsx } from "@/lib/http/upload";
import { beginRosterImport } from "@/lib/services/student-roster-import";

/** Queues a roster import (a worker runs it, lib/services/import-job-runner.ts); the page then polls ../jobs/[id]. */
export async function POST(request: Request) {
  const auth = await authorize("roster.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const up = await receiveXlsx(request);
  if (!up.ok) return Response.json({ error: up.message }, { status: up.status });
  const mode = up.form.get("mode") === "ALL_OR_NOTHING" ? "ALL_OR_NOTHING" : "GOOD_ROWS";
  const r = await beginRosterImport(auth.user, {
    filePath: up.filePath,
    fileName: up.fileName,
    mode,
    removeFile: true,
  });
  // Access was checked above: a refusal here is about the import itself (e.g. one already running).
  if (!r.ok) return Response.json({ error: r.message }, { status: 409 });
  return Response.json({ jobId: r.data.jobId });
}
