/**
 * The school's 受助情况 (aid records, migration 510) of the current term: what was paid per programme and period
 * (a month for 中职, the semester otherwise), reversed records kept apart. The national export of the same records
 * runs as an export task (lib/services/national-export.ts, kind AID_RECORDS).
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { aidRecordSummary, type AidRecordSummaryRow } from "@/lib/db/aid-records.repo";
import { isSchoolScope } from "@/lib/db/national-export.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { SCHOOL_ONLY_MESSAGE, schoolTermContext } from "./context";

export type AidRecordOverview = {
  term: { id: string; name: string };
  rows: AidRecordSummaryRow[];
  paid: { records: number; amountFen: number };
  reversed: { records: number; amountFen: number };
};

export async function loadAidRecordOverview(user: SessionUser): Promise<ActionResult<AidRecordOverview>> {
  const ctx = await schoolTermContext(user, "rosters.view");
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  if (!isSchoolScope(scope)) return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  const rows = await aidRecordSummary(scope, ctx.data.term.id);
  const total = (state: AidRecordSummaryRow["state"]) =>
    rows
      .filter((row) => row.state === state)
      .reduce(
        (acc, row) => ({ records: acc.records + row.records, amountFen: acc.amountFen + row.amountFen }),
        {
          records: 0,
          amountFen: 0,
        },
      );
  return ok({
    term: { id: ctx.data.term.id, name: ctx.data.term.name },
    rows,
    paid: total("PAID"),
    reversed: total("REVERSED"),
  });
}
