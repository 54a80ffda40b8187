/**
 * The worker runs a loan import in a heap-bounded child process (lib/services/loan-import-isolated.ts,
 * lib/services/loan-import-child.ts), like the roster import: the child reads the stored upload, writes the
 * records and ends the import DONE; a second run of the same job writes nothing twice.
 */
import { readFile } from "node:fs/promises";
import { beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createLoanImport } from "@/lib/db/loans.repo";
import { evidenceStorage } from "@/lib/storage";
import { loanImportChildArgs, runLoanImportJobIsolated } from "@/lib/services/loan-import-isolated";
import { loanRow, makeProvince, makeSupervisor, writeLoanFile } from "../support/loan-fixtures";

let operator: SessionUser;

beforeAll(async () => {
  operator = await makeSupervisor(await makeProvince(), "OPERATOR");
});

it("runs the job in a child with the import job's heap limit and imports the rows once", async () => {
  const rows = [loanRow(1), loanRow(2), loanRow(3, { amount: "99999" })];
  const file = await readFile(await writeLoanFile(rows));
  const importId = await createLoanImport({
    regionId: operator.regionId!,
    kind: "LOAN",
    academicYear: 2024,
    scope: "CURRENT",
    mode: "GOOD_ROWS",
    fileName: "子进程.xlsx",
    createdById: operator.id,
    fileKey: await evidenceStorage().put(new Uint8Array(file)),
  });
  const data = { importId, user: operator };
  expect(loanImportChildArgs(data)[0]).toMatch(/^--max-old-space-size=\d+$/);
  await runLoanImportJobIsolated(data);
  const done = await db().loanImport.findUniqueOrThrow({ where: { id: importId } });
  expect(done).toMatchObject({ state: "DONE", imported: 2, rejected: 1, fileKey: null });
  await runLoanImportJobIsolated(data);
  expect(await db().loanRecord.count({ where: { importId } })).toBe(2);
});
