/**
 * The sheets the national exports are written as (shaped for lib/xlsx's
 * createSheetWriter): a template's columns, formatted as text so ID numbers
 * and 学籍号 keep their digits, except amounts, which are numbers of yuan
 * (0.00); and the validation report.
 */
import type { TemplateDef } from "./columns";
import type { ExportProblem, ExportRow } from "./validate";

export type ExportSheet = {
  name: string;
  columns: { header: string; width: number; text?: true; money?: true }[];
};

export function templateSheet(t: TemplateDef): ExportSheet {
  return {
    name: t.sheetName,
    columns: t.columns.map((c) =>
      c.kind === "money"
        ? { header: c.header, width: c.width ?? 14, money: true }
        : { header: c.header, width: c.width ?? 14, text: true },
    ),
  };
}

/** A row's cells in the template's column order. */
export function templateCells(t: TemplateDef, row: ExportRow): string[] {
  return t.columns.map((c) => row[c.key] ?? "");
}

/** The validation report: 行号, 列, 内容, 问题 — one row per problem. */
export const PROBLEMS_SHEET: ExportSheet = {
  name: "校验报告",
  columns: [
    { header: "行号", width: 8, text: true },
    { header: "列", width: 24, text: true },
    { header: "内容", width: 30, text: true },
    { header: "问题", width: 60, text: true },
  ],
};

export function problemCells(p: ExportProblem): string[] {
  return [String(p.row), p.column ?? "", p.value, p.message];
}
