import { createWriteStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createSheetWriter,
  mapHeader,
  neutraliseCell,
  readSheetRows,
  readTable,
  XlsxInputError,
  type ColumnSpec,
} from "@/lib/xlsx";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "xlsx-test-"));
});

async function writeRows(name: string, header: string[], rows: (string | number | null)[][]) {
  const file = path.join(dir, name);
  const out = createWriteStream(file);
  const w = createSheetWriter(out, { name: "表", columns: header.map((h) => ({ header: h, text: true })) });
  for (const r of rows) w.addRow(r);
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return file;
}

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

type K = "name" | "id" | "note";
const SPEC: ColumnSpec<K>[] = [
  { key: "name", names: ["姓名"], required: true },
  { key: "id", names: ["身份证号", "身份证件号"], required: true },
  { key: "note", names: ["备注"] },
];

describe("neutraliseCell", () => {
  it.each(["=1+1", "+86", "-5", "@SUM(A1)", "\t=x"])("prefixes %j", (v) =>
    expect(neutraliseCell(v)).toBe(`'${v}`),
  );
  it.each(["张三", "440106", "", "a=b"])("keeps %j", (v) => expect(neutraliseCell(v)).toBe(v));
  it("leaves numbers alone", () => expect(neutraliseCell(-5)).toBe(-5));
});

describe("mapHeader", () => {
  it("maps by name in any order and accepts aliases", () => {
    const r = mapHeader(["备注", "身份证件号", "姓名"], SPEC);
    expect(r).toEqual({ ok: true, index: { note: 0, id: 1, name: 2 } });
  });
  it("names missing required columns in Chinese", () => {
    const r = mapHeader(["姓名"], SPEC);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("“身份证号”");
  });
});

describe("reading and writing", () => {
  it("round-trips rows by column name, skipping empty rows, with injection neutralised", async () => {
    const file = await writeRows(
      "ok.xlsx",
      ["身份证件号", "姓名", "备注"],
      [
        ["440106200901011234", "张三", '=HYPERLINK("x")'],
        [null, null, null],
        ["1", "李四", null],
      ],
    );
    const rows = await all(readTable(file, SPEC));
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: { name: "张三", id: "440106200901011234", note: '\'=HYPERLINK("x")' },
        numeric: [],
      },
      { rowNumber: 4, values: { name: "李四", id: "1", note: "" }, numeric: [] },
    ]);
  });

  it("keeps Chinese text intact across stream chunk boundaries (exceljs #2063 work-around)", async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [
      `中文姓名測試${i}`,
      `身份证${i}`,
      "备注：这是一段较长的中文说明文字",
    ]);
    const file = await writeRows("cjk.xlsx", ["姓名", "身份证号", "备注"], rows);
    const read = await all(readTable(file, SPEC));
    expect(read).toHaveLength(6000);
    expect(read.filter((r) => /\uFFFD/.test(Object.values(r.values).join("")))).toEqual([]);
    expect(read[5999]?.values.name).toBe("中文姓名測試5999");
  });

  it("refuses a formula cell naming its row and column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["姓名", "身份证号"]);
    ws.addRow(["张三", "1"]);
    ws.getCell("B3").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell("A3").value = "王五";
    const file = path.join(dir, "formula.xlsx");
    await wb.xlsx.writeFile(file);
    const err = await all(readTable(file, SPEC)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxInputError);
    expect((err as Error).message).toContain("第3行第B列");
  });

  it("reads an Excel-ordered file (shared strings after the sheet) reliably, 300 times in a row", async () => {
    // exceljs 4.4 sometimes loses the end of such archives; readSheetRows re-reads (see read.ts).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["姓名", "身份证号"]);
    ws.addRow(["张三", "1"]);
    ws.getCell("A3").value = { formula: "A2", result: "张三" } as ExcelJS.CellFormulaValue;
    const file = path.join(dir, "excel-order.xlsx");
    await wb.xlsx.writeFile(file);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const e = await all(readSheetRows(file)).catch((x: unknown) => x);
      const key = e instanceof Error ? e.message.slice(0, 6) : "no error";
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    expect([...outcomes]).toEqual([["第3行第A列", 300]]);
  }, 30_000);

  it("refuses an oversize file before parsing", async () => {
    const file = await writeRows(
      "big.xlsx",
      ["姓名", "身份证号"],
      Array.from({ length: 200 }, (_, i) => [`学生${i}`, String(i)]),
    );
    const err = await all(readSheetRows(file, { maxBytes: 1000 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxInputError);
    expect((err as Error).message).toMatch(/文件过大.*上限/);
  });

  it("refuses a file that is not an xlsx", async () => {
    const file = path.join(dir, "not.xlsx");
    await writeFile(file, "姓名,身份证号\n张三,1\n");
    const err = await all(readSheetRows(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxInputError);
    expect((err as Error).message).toContain(".xlsx");
  });

  it("reports missing header columns", async () => {
    const file = await writeRows("hdr.xlsx", ["姓名"], [["张三"]]);
    await expect(all(readTable(file, SPEC))).rejects.toThrow(/身份证号/);
  });
});
