"use client";

import { RevealPhone } from "@/components/teacher/reveal-phone";
import { revealPhoneAction } from "./actions";

/*
 * One guardian's masked mobile with its reveal button, given only the guardian's id: the action is imported
 * here instead of bound on the page, so the page's RSC payload carries a string per guardian instead of a
 * bound server reference (an outlined chunk each; bench/README.md §4, "Staff list pages").
 */
export function GuardianPhone({
  guardianId,
  masked,
  who,
}: {
  guardianId: string;
  masked: string;
  who: string;
}) {
  return <RevealPhone masked={masked} who={who} reveal={() => revealPhoneAction(guardianId)} />;
}
