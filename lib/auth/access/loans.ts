import type { AccessTable } from "./types";

/**
 * 国家助学贷款 of a province (lib/services/loan-context.ts). The matrix admits supervisors; the service
 * context then admits only PROVINCE-level supervisors, and the duty each action needs (业务操作人员
 * imports and edits the cap table, 业务主管领导 reviews): city and county supervisors are refused everywhere.
 * Every record belongs to one province: a province sees only its own.
 */
export const LOAN_ACCESS = {
  "loan.view": {
    description:
      "province supervisors only: the province's loan and repayment imports, records (masked ID numbers, filters), cap table and per-year totals of approved records",
    allow: { SUPERVISOR: "region" },
  },
  "loan.import": {
    description:
      "province operator (业务操作人员) only: import loan or repayment records from .xlsx as a background job, download the template and the rejected rows",
    allow: { SUPERVISOR: "region" },
  },
  "loan.review": {
    description:
      "province leader (业务主管领导) only: approve or refuse (with a comment) a whole import or single loan and repayment records",
    allow: { SUPERVISOR: "region" },
  },
  "loan.cap_edit": {
    description: "province operator only: set the per-record loan cap of a level from an academic year on",
    allow: { SUPERVISOR: "region" },
  },
  "loan.reveal_id": {
    description: "province supervisors only: show one loan record's full ID number (audited)",
    allow: { SUPERVISOR: "region" },
  },
  "loan.export": {
    description: "province supervisors only: export the filtered loan records to .xlsx (masked; audited)",
    allow: { SUPERVISOR: "region" },
  },
} as const satisfies AccessTable;
