/** Format detection from the content (never the file name). */
import { TaskListFileError } from './tasklist-file-error.ts';

export type DetectedFormat = 'xlsx' | 'docx' | 'text';

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasAt(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * Entry names from the ZIP local file headers. Scanning the local headers (not the central directory at the end)
 * still names the entries of a truncated file, so we can tell a broken .xlsx from a broken .docx.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let offset = bytes.indexOf(0x50); offset >= 0 && offset + 30 <= bytes.length; ) {
    if (hasAt(bytes, offset, LOCAL_HEADER)) {
      const nameLength = (bytes[offset + 26] ?? 0) | ((bytes[offset + 27] ?? 0) << 8);
      const end = offset + 30 + nameLength;
      if (end <= bytes.length) names.push(decoder.decode(bytes.subarray(offset + 30, end)));
    }
    offset = bytes.indexOf(0x50, offset + 1);
  }
  return names;
}

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes.length === 0) throw new TaskListFileError('文件为空（the file is empty）');
  if (hasAt(bytes, 0, OLE2)) {
    throw new TaskListFileError(
      '不支持旧版 Office 格式（.xls/.doc），请另存为 .xlsx 或 .docx 后再导入（legacy .xls/.doc is not supported）',
    );
  }
  if (hasAt(bytes, 0, LOCAL_HEADER) || hasAt(bytes, 0, EMPTY_ZIP)) {
    const names = zipEntryNames(bytes);
    if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
    if (names.some((name) => name.startsWith('word/'))) return 'docx';
    throw new TaskListFileError(
      '无法读取文件：压缩文件不是 Excel（.xlsx）或 Word（.docx）文件，或已损坏（not an .xlsx or .docx file）',
    );
  }
  return 'text';
}
