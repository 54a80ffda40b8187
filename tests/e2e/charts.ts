import type { Download, Locator } from "@playwright/test";
import sharp from "sharp";
import { readSheetRows } from "@/lib/xlsx";

/** Pixels of an element's screenshot that are not (near) white: a drawn chart has thousands. */
export async function inkedPixels(element: Locator): Promise<number> {
  const { data, info } = await sharp(await element.screenshot())
    .raw()
    .toBuffer({ resolveWithObject: true });
  let inked = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) inked++;
  return inked;
}

/** The figures of one body row of a table on the page, by its row header. */
export async function rowFigures(table: Locator, label: string): Promise<string[]> {
  return table
    .getByRole("row", { name: new RegExp(`^${label}`) })
    .getByRole("cell")
    .allInnerTexts();
}

/** Every body row of a table on the page: its row header, then its cells' texts. */
export async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
}

/** The rows of a downloaded .xlsx (its first sheet), saved beside `path`. */
export async function downloadedRows(download: Download, path: string): Promise<string[][]> {
  await download.saveAs(path);
  const rows: string[][] = [];
  for await (const row of readSheetRows(path)) rows.push(row.cells);
  return rows;
}
