/** Reads a stream to its end (a streamed download in a test). */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** A streamed .xlsx download, read to its end and opened as a workbook. */
export async function workbookOf(stream: AsyncIterable<unknown>): Promise<import("exceljs").Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readAll(stream)) as unknown as ArrayBuffer);
  return wb;
}
