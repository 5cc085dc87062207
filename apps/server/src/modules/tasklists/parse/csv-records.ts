/** RFC 4180 CSV splitting: quoted fields, doubled quotes, newlines inside quotes; CRLF, LF or CR line ends. */
import type { SourceRow } from './tasklist-parse.types.ts';

/** Split CSV text into records; each record's `row` is the 1-based line where it starts. */
export function splitCsv(text: string, delimiter = ','): SourceRow[] {
  const records: SourceRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ row: recordLine, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text.charAt(i + 1) !== '\n')) line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
