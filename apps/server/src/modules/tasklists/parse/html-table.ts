/**
 * A tiny tolerant reader for the HTML mammoth produces: top-level paragraphs/headings and tables (tr, td/th with
 * rowspan/colspan). Nested tables are flattened into their cell's text. No new dependency.
 */

export interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
}

export type HtmlBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: HtmlCell[][] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function spanAttribute(attributes: string, name: string): number {
  const match = new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(attributes);
  const value = match?.[1] === undefined ? 1 : Number(match[1]);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 1000) : 1;
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'div']);

/** Split mammoth HTML into top-level paragraphs and tables, in document order. */
export function readHtmlBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let depth = 0; // table nesting
  let rows: HtmlCell[][] = [];
  let cell: HtmlCell | null = null;
  let paragraph = '';
  const flushParagraph = () => {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ kind: 'paragraph', text });
    paragraph = '';
  };
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--[\s\S]*?-->|([^<]+)|</g;
  for (let match = token.exec(html); match !== null; match = token.exec(html)) {
    const [, closing, rawTag, attributes = '', rawText] = match;
    if (rawText !== undefined || rawTag === undefined) {
      const text = decodeEntities(rawText ?? (match[0] === '<' ? '<' : ''));
      if (depth === 0) paragraph += text;
      else if (cell !== null) cell.text += text;
      continue;
    }
    const tag = rawTag.toLowerCase();
    const isClosing = closing === '/';
    if (tag === 'table') {
      if (!isClosing) {
        if (depth === 0) {
          flushParagraph();
          rows = [];
          cell = null;
        }
        depth++;
      } else if (depth > 0) {
        depth--;
        if (depth === 0) {
          blocks.push({ kind: 'table', rows });
          cell = null;
        }
      }
      continue;
    }
    if (depth === 0) {
      if (BLOCK_TAGS.has(tag) || tag === 'br') flushParagraph();
      continue;
    }
    if (depth > 1) {
      if (cell !== null && (BLOCK_TAGS.has(tag) || tag === 'br' || tag === 'td' || tag === 'tr')) cell.text += '\n';
      continue;
    }
    if (tag === 'tr' && !isClosing) {
      rows.push([]);
      cell = null;
    } else if ((tag === 'td' || tag === 'th') && !isClosing) {
      if (rows.length === 0) rows.push([]);
      cell = { text: '', rowspan: spanAttribute(attributes, 'rowspan'), colspan: spanAttribute(attributes, 'colspan') };
      rows[rows.length - 1]?.push(cell);
    } else if ((tag === 'td' || tag === 'th' || tag === 'tr') && isClosing) {
      cell = null;
    } else if (cell !== null && (BLOCK_TAGS.has(tag) || tag === 'br') && (isClosing || tag === 'br')) {
      cell.text += '\n';
    }
  }
  flushParagraph();
  return blocks;
}

/**
 * Expand spans into a rectangular grid: a rowspan cell's text repeats in every row it spans (same column);
 * a colspan cell's text sits in its first column, the others are ''.
 */
export function expandTable(rows: readonly HtmlCell[][]): string[][] {
  const grid: string[][] = rows.map(() => []);
  const taken: boolean[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c] === true) c++;
      const text = cell.text
        .replace(/[ \t]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .trim();
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          const gridRow = grid[r + dr];
          const takenRow = taken[r + dr];
          if (gridRow === undefined || takenRow === undefined) continue;
          gridRow[c + dc] = dc === 0 ? text : '';
          takenRow[c + dc] = true;
        }
      }
      c += cell.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
}
