-- The filer confirms or reopens an answer within 5 working days (lib/domain/support.ts CONFIRM_WORKING_DAYS);
-- after that the housekeeping job closes a RESOLVED problem itself (lib/services/support-auto-close.ts) and
-- records the step as AUTO_CLOSE in its history, in the filer's name (the answer stood unchallenged).
ALTER TABLE "SupportEvent" DROP CONSTRAINT "SupportEvent_action_check";
ALTER TABLE "SupportEvent" ADD CONSTRAINT "SupportEvent_action_check"
  CHECK ("action" IN ('FILE', 'TAKE', 'PASS_UP', 'RESOLVE', 'CONFIRM', 'REOPEN', 'AUTO_CLOSE'));
-- Finds the answered problems whose window ended without scanning the table.
CREATE INDEX "SupportProblem_resolved_confirmBy_idx" ON "SupportProblem"("confirmBy") WHERE "state" = 'RESOLVED';
