/**
 * 常见问题 suggestions for the words typed into the filing form (GET ?q=…): at most 5 answers of the caller's
 * province, best first. Answers the JSON shape of lib/http/json-answer.ts.
 */
import { authorize } from "@/lib/auth/access";
import { jsonFailure, jsonSuccess } from "@/lib/http/json-answer";
import { suggestAnswers } from "@/lib/services/support-answers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const auth = await authorize("support_answer.view");
  if (!auth.ok) return jsonFailure(auth);
  const found = await suggestAnswers(auth.user, new URL(req.url).searchParams.get("q"));
  if (!found.ok) return jsonFailure(found);
  return jsonSuccess(
    `${found.data.length} 条`,
    found.data.map(({ id, title, body, kind }) => ({ id, title, body, kind })),
  );
}
