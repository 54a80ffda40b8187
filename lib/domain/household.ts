/**
 * Household economic information: derived figures and the rules
 * that route an applicant to the aid office.
 */

/** Per-capita monthly income in fen: total annual income / members / 12, rounded (never typed). */
export function perCapitaMonthlyIncomeFen(totalAnnualIncomeFen: number, memberCount: number): number {
  if (!Number.isInteger(totalAnnualIncomeFen) || totalAnnualIncomeFen < 0)
    throw new RangeError("total income must be a non-negative integer (fen)");
  if (!Number.isInteger(memberCount) || memberCount < 1)
    throw new RangeError("member count must be a positive integer");
  return Math.round(totalAnnualIncomeFen / (memberCount * 12));
}

/** "1234.50" or "1,234.5" yuan → 123450 fen; null when not a valid non-negative amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s]/g, "");
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** 123450 fen → "1234.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/**
 * 招远细则 (docs/policy-sources.md): a parent employed by a state organ, public institution or state-owned
 * enterprise, or a stable income project/property — the application cannot be
 * filed online; the applicant applies in person at the aid office.
 */
export function mustApplyInPerson(h: {
  stateEmployedParent?: boolean | null;
  stableIncome?: boolean | null;
}): boolean {
  return h.stateEmployedParent === true || h.stableIncome === true;
}

export const IN_PERSON_MESSAGE =
  "根据认定办法，父母一方在国家机关、事业单位或国有企业工作，或家庭有稳定收入项目/财产的，不能在网上提交申请。请携带相关材料到学校资助办公室现场申请。";
