import "server-only";
import { cache } from "react";
import { effectiveDates, type TermDates } from "@/lib/domain/term-window";
import { db } from "./client";

export type CurrentTerm = {
  id: string;
  name: string;
  academicYear: string;
  semester: "AUTUMN" | "SPRING";
} & TermDates;

/**
 * The current aid term (terms are public information, not scoped). React's `cache` makes the components
 * of one page render share one read (e.g. the console home and its publicity box); outside a render
 * (server actions, scripts, tests) every call reads.
 */
export const findCurrentTerm = cache(function findCurrentTerm(): Promise<CurrentTerm | null> {
  return db().aidTerm.findFirst({
    where: { isCurrent: true },
    select: {
      id: true,
      name: true,
      academicYear: true,
      semester: true,
      applyStart: true,
      applyEnd: true,
      verifyDeadline: true,
      reviewDeadline: true,
    },
  });
});

/** The term's dates for one school, with the school's own extension applied. */
export async function termDatesForSchool(term: CurrentTerm, schoolId: string): Promise<TermDates> {
  const setting = await db().schoolTermSetting.findUnique({
    where: { termId_schoolId: { termId: term.id, schoolId } },
  });
  return effectiveDates(term, setting);
}

/**
 * Sets the school's own application-window end for a term (an extension; the
 * database refuses an end before the term's own or past the verification
 * deadline: prisma/migrations/154.do.extend-window.sql).
 */
export async function setSchoolApplyEnd(schoolId: string, termId: string, applyEnd: Date): Promise<void> {
  await db().schoolTermSetting.upsert({
    where: { termId_schoolId: { termId, schoolId } },
    create: { termId, schoolId, applyEnd },
    update: { applyEnd },
  });
}
