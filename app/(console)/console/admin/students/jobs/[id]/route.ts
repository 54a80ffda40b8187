import { authorize } from "@/lib/auth/access";
import { importJobStatus } from "@/lib/services/student-roster-export";

/** Progress and result of one roster import of the caller's school (polled by the page). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("roster.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const r = await importJobStatus(auth.user, (await params).id, "ROSTER");
  if (!r.ok) return Response.json({ error: r.message }, { status: 404 });
  return Response.json(r.data, { headers: { "cache-control": "no-store" } });
}
