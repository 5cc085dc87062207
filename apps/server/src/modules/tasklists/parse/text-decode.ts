/** Bytes → text for the text and CSV formats: BOMs, strict UTF-8, else GB18030 (a superset of GBK). */
import { TaskListFileError } from './tasklist-file-error.ts';

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Control characters other than tab/newline/carriage return/form feed: a sign of binary content. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  return control > Math.max(2, text.length / 100);
}

export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
  }
  if (text.trim() === '') throw new TaskListFileError('文件为空（the file is empty）');
  if (looksBinary(text)) {
    throw new TaskListFileError(
      '无法识别文件格式：请上传 Excel（.xlsx）、Word（.docx）、CSV 或文本格式的任务清单（unrecognised file format）',
    );
  }
  return text;
}
