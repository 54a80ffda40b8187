/**
 * The facts behind the applicant portal's to-dos (lib/domain/todos-applicant.ts) beyond what the home page
 * already reads (lib/db/home.repo.ts): per application of the caller's children, the result publicities open
 * today where the caller has not asked for 复议, and the payments not yet confirmed (签收) — as the result page
 * (app/(portal)/portal/result/[personId]/page.tsx) shows them. Always within the caller's scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import { applicationWhere } from "./scope";

export type ApplicantExtras = {
  openPublicity: Map<string, { batchId: string; endDay: string }[]>;
  unsignedPayments: Map<string, number>;
};

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** `today` is the Beijing day "YYYY-MM-DD"; the maps are keyed by application id. */
export async function applicantTodoExtras(
  scope: Scope,
  applicationIds: string[],
  today: string,
): Promise<ApplicantExtras> {
  const extras: ApplicantExtras = { openPublicity: new Map(), unsignedPayments: new Map() };
  if (applicationIds.length === 0) return extras;
  const mine = { AND: [applicationWhere(scope), { id: { in: applicationIds } }] };
  // A publicity item names its application by id only (no relation): keep the ids in scope first.
  const ids = (await db().application.findMany({ where: mine, select: { id: true } })).map((app) => app.id);
  const day = new Date(`${today}T00:00:00Z`);
  const [items, payments] = await Promise.all([
    db().publicityItem.findMany({
      where: {
        applicationId: { in: ids },
        batch: {
          startDate: { lte: day },
          endDate: { gte: day },
          objections: { none: { filedById: scope.userId, kind: "REVIEW_REQUEST" } },
        },
      },
      orderBy: { batch: { endDate: "asc" } },
      select: { applicationId: true, batch: { select: { id: true, endDate: true } } },
    }),
    db().rosterEntry.groupBy({
      by: ["applicationId"],
      where: { applicationId: { in: ids }, paidAt: { not: null }, receiptConfirmedAt: null },
      _count: { _all: true },
    }),
  ]);
  for (const item of items) {
    const list = extras.openPublicity.get(item.applicationId!) ?? [];
    if (!list.some((batch) => batch.batchId === item.batch.id))
      list.push({ batchId: item.batch.id, endDay: dayOf(item.batch.endDate) });
    extras.openPublicity.set(item.applicationId!, list);
  }
  for (const row of payments) extras.unsignedPayments.set(row.applicationId!, row._count._all);
  return extras;
}
