import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sniffFileType, zipEntryNames } from './file-type.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** A stored (uncompressed) ZIP with the given entries: local headers, central directory, end record. */
function zip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from('x');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => [...Buffer.from(s, 'utf16le')];

describe('sniffFileType', () => {
  it.each([
    ['pdf', bytes('%PDF-1.4\n%âãÏÓ\n'), 'application/pdf'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['gif', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'image/heic'],
    ['heif', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1heic'), 'image/heif'],
    [
      'docx',
      zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'xlsx',
      zip(['[Content_Types].xml', 'xl/workbook.xml']),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'pptx',
      zip(['[Content_Types].xml', 'ppt/presentation.xml']),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['doc', bytes(OLE, new Array(500).fill(0), utf16('WordDocument')), 'application/msword'],
    ['xls', bytes(OLE, new Array(500).fill(0), utf16('Workbook')), 'application/vnd.ms-excel'],
  ])('recognises %s', (kind, content, mime) => {
    expect(sniffFileType(content)).toEqual({ kind, mime });
  });

  it.each([
    ['a Windows executable renamed .pdf', bytes('MZ', [0x90, 0, 3, 0], 'This program cannot be run in DOS mode')],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1, 0])],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n')],
    ['an HTML page', bytes('<!doctype html><script>alert(1)</script>')],
    ['plain text', bytes('工作进展')],
    ['an empty file', bytes()],
    ['a plain ZIP archive', zip(['payload.exe'])],
    ['a ZIP with Office folders but no content types', zip(['word/document.xml'])],
    ['a macro-enabled Word file', zip(['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin'])],
    ['an MSI installer (compound file without Office streams)', bytes(OLE, utf16('SummaryInformation'))],
    ['an old Word file with macros', bytes(OLE, utf16('WordDocument'), utf16('_VBA_PROJECT'))],
    ['a video (ftyp isom)', bytes([0, 0, 0, 0x18], 'ftypisom')],
    ['a PDF header too late in the file', bytes('MZ', new Array(100).fill(0), '%PDF-1.4')],
  ])('refuses %s', (_label, content) => {
    expect(sniffFileType(content)).toBeNull();
  });

  it('recognises real files written by the docx and exceljs libraries', async () => {
    const doc = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改完成情况')] }] }));
    expect(sniffFileType(doc)?.kind).toBe('docx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账').addRow(['序号', '隐患']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(sniffFileType(xlsx)?.kind).toBe('xlsx');
  });

  it('reads ZIP entry names from local headers when the central directory is missing', () => {
    const full = zip(['[Content_Types].xml', 'word/document.xml']);
    const truncated = full.subarray(0, full.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    expect(zipEntryNames(truncated)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(sniffFileType(truncated)?.kind).toBe('docx');
  });
});
