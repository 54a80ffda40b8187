/**
 * Writes a template's rows to .xlsx with exceljs's streaming WorkbookWriter.
 * Every cell is written as text (ID numbers keep their digits) and cells that
 * look like formulas are neutralised.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { neutraliseCell, type ExportProblem, type ExportRow, type TemplateDef } from "@/lib/domain/national-export";

export async function writeTemplateXlsx(t: TemplateDef, rows: readonly ExportRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { out.on("end", () => resolve()); out.on("error", reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(t.sheetName);
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14, style: { numFmt: "@" } }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) {
    const values: Record<string, string> = {};
    for (const c of t.columns) values[c.key] = neutraliseCell(r[c.key] ?? "");
    ws.addRow(values).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** The validation report as a worksheet: 行号, 列, 内容, 问题. */
export async function writeProblemsXlsx(problems: readonly ExportProblem[]): Promise<Buffer> {
  const t: TemplateDef = {
    key: "family-economy", title: "校验报告", sheetName: "校验报告",
    columns: [
      { key: "row", header: "行号", kind: "text", required: true, width: 8 },
      { key: "column", header: "列", kind: "text", required: true, width: 24 },
      { key: "value", header: "内容", kind: "text", required: false, width: 30 },
      { key: "message", header: "问题", kind: "text", required: true, width: 60 },
    ],
  };
  return writeTemplateXlsx(t, problems.map((p) => ({ row: String(p.row), column: p.column ?? "", value: p.value, message: p.message })));
}
