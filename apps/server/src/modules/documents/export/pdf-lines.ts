import type { CellRun } from './progress-cell.ts';

/**
 * Lines of a table cell, broken before the PDF is drawn (render-pdf.ts places and draws whole lines; pdfmake, used
 * before, broke Chinese text into one inline object per character and needed ~600 MB for 1,000 tasks, issue 10
 * item 8).
 *
 * Widths are upper bounds in em: CJK, full-width forms and anything unknown 1; ASCII letters, digits and
 * punctuation 0.7 (M, W, m, w, @, %, & 1). So a line never overflows its cell, and Chinese text (every ideograph
 * exactly 1 em) breaks where pdfmake would have broken it. A line does not start with closing punctuation
 * (，。、；：？！ and closing brackets): the character before moves down with it. '\n' ends a line.
 */
const NARROW = /[\x20-\x7e]/;
const WIDE_ASCII = /[MWmw@%&]/;
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕,.;:?!)]}%'));

export function charEm(ch: string): number {
  return NARROW.test(ch) && !WIDE_ASCII.test(ch) ? 0.7 : 1;
}

/** The runs broken into lines of at most `width` points at `fontSize`; each line keeps its runs' styles. */
export function wrapRuns(runs: readonly CellRun[], width: number, fontSize: number): CellRun[][] {
  const chars: { ch: string; run: CellRun }[] = [];
  for (const run of runs) for (const ch of run.text) chars.push({ ch, run });
  const lines: { ch: string; run: CellRun }[][] = [];
  let line: { ch: string; run: CellRun }[] = [];
  let used = 0;
  for (const c of chars) {
    if (c.ch === '\n') {
      lines.push(line);
      line = [];
      used = 0;
      continue;
    }
    const w = charEm(c.ch) * fontSize;
    if (used + w > width && line.length > 0) {
      // Closing punctuation may not start the next line: take the character before it along (if one is left).
      const carried = NO_LINE_START.has(c.ch) && line.length > 1 ? [line.pop() as (typeof line)[number]] : [];
      lines.push(line);
      line = carried;
      used = carried.reduce((n, x) => n + charEm(x.ch) * fontSize, 0);
    }
    line.push(c);
    used += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => {
    const out: CellRun[] = [];
    for (const { ch, run } of l) {
      const last = out[out.length - 1];
      if (last && last.bold === run.bold && last.light === run.light) last.text += ch;
      else out.push({ ...run, text: ch });
    }
    return out;
  });
}
