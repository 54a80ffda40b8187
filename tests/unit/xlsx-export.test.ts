import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  FAMILY_ECONOMY_TEMPLATE,
  familyEconomyRow,
  PROBLEMS_SHEET,
  problemCells,
  ROSTER_BOOK_TEMPLATE,
  rosterBookRow,
  templateCells,
  templateSheet,
  validateExport,
  type ExportSheet,
} from "@/lib/domain/national-export";
import { createSheetWriter, type XlsxCell } from "@/lib/xlsx";

/** The national sheets go through lib/xlsx's streaming writer, as the export service writes them. */
async function writeSheet(spec: ExportSheet, rows: XlsxCell[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const w = createSheetWriter(out, spec);
  for (const r of rows) w.addRow(r);
  await w.finish();
  return Buffer.concat(chunks);
}
const writeTemplateXlsx = (t: typeof FAMILY_ECONOMY_TEMPLATE, rows: Parameters<typeof templateCells>[1][]) =>
  writeSheet(
    templateSheet(t),
    rows.map((r) => templateCells(t, r)),
  );
const writeProblemsXlsx = (problems: ReturnType<typeof validateExport>) =>
  writeSheet(PROBLEMS_SHEET, problems.map(problemCells));

describe("national sheets through lib/xlsx's streaming writer", () => {
  it("writes a validated 5,000-row 家庭经济信息 file whose cells read back as text, formulas neutralised", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
        studentNumber: `G${String(i).padStart(10, "0")}`,
        name: i === 7 ? '=HYPERLINK("http://x")' : `学生${i}`,
        idType: "RESIDENT_ID",
        idNumber: buildResidentId(
          "440106",
          `2010-01-${String((i % 28) + 1).padStart(2, "0")}`,
          (Math.floor(i / 28) * 2) % 1000,
          "FEMALE",
        ),
        listedCategories: i % 10 === 0 ? ["ORPHAN"] : [],
        level: "HARDSHIP",
        determinedOn: "2026-10-14",
        reason: "经学校认定",
      }),
    );
    // A formula is no name: the validator refuses it (lib/domain/person-name.ts); written anyway, it is neutralised.
    expect(validateExport(FAMILY_ECONOMY_TEMPLATE, rows)).toEqual([
      expect.objectContaining({ row: 9, column: "姓名", value: '=HYPERLINK("http://x")' }),
    ]);
    const t0 = performance.now();
    const body = await writeTemplateXlsx(FAMILY_ECONOMY_TEMPLATE, rows);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("家庭经济信息");
    expect(ws.rowCount).toBe(5_001);
    expect(ws.getRow(1).values).toContain("认定级别");
    expect(ws.getRow(2).getCell(4).value).toBe(rows[0]!.idNumber); // 18 digits stay text, not 4.4e17
    expect(ws.getRow(9).getCell(2).value).toBe('\'=HYPERLINK("http://x")');
    expect(ws.getRow(2).getCell(5 + 6).value).toBe("是"); // 是否孤儿 of row 0
    expect(ws.getRow(3).getCell(5 + 6).value ?? "").toBe("");
  }, 30_000);
  it("writes the validation report with every problem", async () => {
    const row = {
      ...familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
        studentNumber: "G1",
        name: "甲",
        idType: "RESIDENT_ID",
        idNumber: "123",
        listedCategories: [],
        level: "NONE",
        determinedOn: "2026-10-14",
        reason: "",
      }),
      flag_ORPHAN: "否",
    };
    const problems = validateExport(FAMILY_ECONOMY_TEMPLATE, [row]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeProblemsXlsx(problems)) as never);
    expect(wb.worksheets[0]!.rowCount).toBe(problems.length + 1);
    expect(problems.map((p) => p.column)).toEqual(["身份证件号", "是否孤儿"]);
  });
  it("freezes the header row and stores amounts as numbers of yuan with two decimals (资助名册)", async () => {
    const source = {
      school: "天河中学",
      name: "陈思远",
      gender: "MALE" as const,
      idType: "RESIDENT_ID" as const,
      idNumber: buildResidentId("440106", "2010-03-15", 101, "MALE"),
      studentNumber: "G440106201003151012",
      grade: "高一",
      className: "1班",
      level: "HARDSHIP" as const,
      academicYear: "2026-2027",
      semester: "AUTUMN" as const,
    };
    const rows = [62_500, 100_050].map((amountFen) =>
      rosterBookRow(ROSTER_BOOK_TEMPLATE, { ...source, amountFen }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTemplateXlsx(ROSTER_BOOK_TEMPLATE, rows)) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const amountCol = ROSTER_BOOK_TEMPLATE.columns.findIndex((c) => c.key === "amount") + 1;
    expect(ws.getRow(2).getCell(amountCol).value).toBe(625);
    expect(ws.getRow(3).getCell(amountCol).value).toBe(1000.5);
    expect(ws.getRow(3).getCell(amountCol).numFmt).toBe("0.00");
    // ID numbers stay text beside it.
    const idCol = ROSTER_BOOK_TEMPLATE.columns.findIndex((c) => c.key === "idNumber") + 1;
    expect(ws.getRow(2).getCell(idCol).value).toBe(source.idNumber);
  });
});
