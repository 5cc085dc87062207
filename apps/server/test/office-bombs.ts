import { constants, crc32, createDeflateRaw } from 'node:zlib';

/**
 * Hostile office files generated in the test (never committed): a real-looking .xlsx of millions of cells, and a
 * zip bomb (a tiny .xlsx whose one worksheet expands to hundreds of megabytes). Built as zip files by hand from
 * streamed deflate, so the test process never holds the expanded bytes.
 */
interface ZipEntry {
  name: string;
  crc: number;
  size: number;
  compressed: Buffer;
}

async function deflateStream(chunks: Iterable<Buffer>, level = 6): Promise<ZipEntry & { name: '' }> {
  const deflate = createDeflateRaw({ level, strategy: constants.Z_DEFAULT_STRATEGY });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name: '', crc, size, compressed: Buffer.concat(out) };
}

async function entry(name: string, chunks: Iterable<Buffer>, level?: number): Promise<ZipEntry> {
  return { ...(await deflateStream(chunks, level)), name };
}

function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SKELETON: Record<string, string> = {
  '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
};

async function xlsx(sheet: Iterable<Buffer>, level?: number): Promise<Buffer> {
  const parts: ZipEntry[] = [];
  for (const [name, text] of Object.entries(SKELETON)) parts.push(await entry(name, [Buffer.from(text)]));
  parts.push(await entry('xl/worksheets/sheet1.xml', sheet, level));
  return zip(parts);
}

const COLUMNS = 'ABCDEFGHIJKLMNOPQRST'.split('');

/** An .xlsx with `rows` × 20 numeric cells of pseudo-random values (6M cells ≈ 17 MB compressed). */
export function manyCellsXlsx(rows = 300_000): Promise<Buffer> {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  function* sheet(): Generator<Buffer> {
    yield Buffer.from(`${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`);
    for (let r = 1; r <= rows; r += 1000) {
      let s = '';
      for (let k = r; k < Math.min(r + 1000, rows + 1); k += 1) {
        s += `<row r="${k}">`;
        for (const c of COLUMNS) s += `<c r="${c}${k}"><v>${rand() % 80}</v></c>`;
        s += '</row>';
      }
      yield Buffer.from(s);
    }
    yield Buffer.from('</sheetData></worksheet>');
  }
  return xlsx(sheet());
}

/** An .xlsx whose worksheet expands to `mb` megabytes of one repeated row (≈ 1,000:1). */
export function zipBombXlsx(mb = 450): Promise<Buffer> {
  const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)).slice(0, 1024 * 1024));
  function* sheet(): Generator<Buffer> {
    yield Buffer.from(`${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`);
    for (let i = 0; i < mb; i += 1) yield chunk;
    yield Buffer.from('</sheetData></worksheet>');
  }
  return xlsx(sheet(), 9);
}
