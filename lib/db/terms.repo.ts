import { effectiveDates, type TermDates } from "@/lib/domain/term-window";
import { db } from "./client";

export type CurrentTerm = {
  id: string;
  name: string;
  academicYear: string;
  semester: "AUTUMN" | "SPRING";
} & TermDates;

/** The current aid term (terms are public information, not scoped). */
export function findCurrentTerm(): Promise<CurrentTerm | null> {
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
}

/** The term's dates for one school, with the school's own extension applied. */
export async function termDatesForSchool(term: CurrentTerm, schoolId: string): Promise<TermDates> {
  const setting = await db().schoolTermSetting.findUnique({
    where: { termId_schoolId: { termId: term.id, schoolId } },
  });
  return effectiveDates(term, setting);
}
