-- Class teacher workspace (issue 4): what the application looked like when the
-- teacher returned it, so the resubmission can be shown with its changes.
ALTER TABLE "Application" ADD COLUMN "returnSnapshot" JSONB;
