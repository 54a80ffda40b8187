/**
 * Hostile .xlsx files for tests, built byte by byte: a valid workbook whose
 * xl/sharedStrings.xml expands to hundreds of MB from a file of well under
 * a megabyte (deflate of a repeated string), optionally with a zip directory
 * that lies about the sizes. Nothing large is ever held in memory: the part
 * is deflated as it is generated.
 */
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import zlib from "node:zlib";

type Part = { name: string; data: Buffer; crc: number; size: number; method: 0 | 8 };

const stored = (name: string, text: string): Part => {
  const data = Buffer.from(text, "utf8");
  return { name, data, crc: zlib.crc32(data), size: data.length, method: 0 };
};

/** Deflates `count` repetitions of `unit` (between `head` and `tail`) without materialising them. */
async function deflated(
  name: string,
  head: string,
  unit: string,
  count: number,
  tail: string,
): Promise<Part> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const ended = once(deflate, "end");
  let crc = 0;
  let size = 0;
  const put = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, "drain");
  };
  await put(Buffer.from(head));
  const perChunk = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)));
  const chunk = Buffer.from(unit.repeat(perChunk));
  let left = count;
  for (; left >= perChunk; left -= perChunk) await put(chunk);
  if (left > 0) await put(Buffer.from(unit.repeat(left)));
  await put(Buffer.from(tail));
  deflate.end();
  await ended;
  return { name, data: Buffer.concat(out), crc, size, method: 8 };
}

/** A zip of the parts; `declaredSize` overrides every part's uncompressed size in both headers (a lie). */
function zip(parts: Part[], declaredSize?: (p: Part) => number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const usize = declaredSize ? declaredSize(p) : p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, p.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * A workbook with one sheet whose header row names `headers` (as shared
 * strings 0..n-1), followed in the shared-string table by `bombMb` MB of
 * 1 KB strings.
 */
export async function writeSharedStringsBomb(
  file: string,
  opts: { headers: string[]; bombMb: number; lieAboutSizes?: boolean },
): Promise<{ fileBytes: number; expandedBytes: number }> {
  const unit = `<si><t>${"A".repeat(1000)}</t></si>`;
  const count = Math.ceil((opts.bombMb * 1024 * 1024) / unit.length);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const total = opts.headers.length + count;
  const strings = await deflated(
    "xl/sharedStrings.xml",
    `${XML}<sst xmlns="${MAIN}" count="${total}" uniqueCount="${total}">${opts.headers.map((h) => `<si><t>${esc(h)}</t></si>`).join("")}`,
    unit,
    count,
    "</sst>",
  );
  const cells = opts.headers
    .map((_, i) => {
      let col = "";
      for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
        col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
      return `<c r="${col}1" t="s"><v>${i}</v></c>`;
    })
    .join("");
  const parts: Part[] = [
    stored(
      "[Content_Types].xml",
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    stored(
      "_rels/.rels",
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    stored(
      "xl/workbook.xml",
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    stored(
      "xl/_rels/workbook.xml.rels",
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    strings,
    stored(
      "xl/worksheets/sheet1.xml",
      `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    ),
  ];
  const bytes = zip(parts, opts.lieAboutSizes ? (p) => Math.min(p.size, 4096) : undefined);
  await writeFile(file, bytes);
  return { fileBytes: bytes.length, expandedBytes: parts.reduce((n, p) => n + p.size, 0) };
}
