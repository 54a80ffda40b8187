-- A paid or actual amount above the entry's standard amount (amountFen) only with a recorded reason
-- (超标准发放原因): the semester rosters' payment form and correction ask for it (lib/db/aid-roster.repo.ts), the
-- 中职 lists' actual-amount edit asks for it (lib/services/vocational-entry-amount.ts). The database refuses an
-- entry that is above its standard without one, whatever code writes it. Amounts stay integer fen.
ALTER TABLE "RosterEntry" ADD COLUMN "overStandardReason" TEXT;

-- Entries already above their standard: the reason their payment or correction recorded (latest first); an
-- entry whose history has none gets a marker saying so, visible on the roster, rather than failing the upgrade.
UPDATE "RosterEntry" e SET "overStandardReason" = coalesce((
    SELECT p."reason" FROM "RosterPayment" p
    WHERE p."rosterId" = e."rosterId" AND p."studentId" = e."studentId" AND p."kind" <> 'REVERSAL'
      AND nullif(btrim(p."reason"), '') IS NOT NULL
    ORDER BY p."at" DESC, p."id" DESC LIMIT 1),
  '升级前已登记的超标准金额，未记录原因')
WHERE coalesce(e."paidAmountFen", 0) > e."amountFen" OR coalesce(e."actualAmountFen", 0) > e."amountFen";

ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_over_standard_reason_check" CHECK (
  (coalesce("paidAmountFen", 0) <= "amountFen" AND coalesce("actualAmountFen", 0) <= "amountFen")
  OR nullif(btrim("overStandardReason"), '') IS NOT NULL);
