import { describe, expect, it } from 'vitest';
import { splitCsv } from './csv-records.ts';
import { expandTable, readHtmlBlocks } from './html-table.ts';

describe('splitCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines and line numbers', () => {
    const records = splitCsv('a,b\r\n"x, y","say ""hi""\r\nagain"\n1,2\n');
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'say "hi"\r\nagain'] },
      { row: 4, cells: ['1', '2'] },
    ]);
  });
});

describe('html tables', () => {
  it('reads paragraphs and tables and expands rowspan/colspan', () => {
    const html =
      '<h1>标题 &amp; 说明</h1><table><tr><th>a</th><th>b</th><th>c</th></tr>' +
      '<tr><td rowspan="2"><p>m</p></td><td colspan="2">wide</td></tr><tr><td>x</td><td><p>y1</p><p>y2</p></td></tr></table>';
    const blocks = readHtmlBlocks(html);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '标题 & 说明' });
    const table = blocks[1];
    if (table?.kind !== 'table') throw new Error('table expected');
    expect(expandTable(table.rows)).toEqual([
      ['a', 'b', 'c'],
      ['m', 'wide', ''],
      ['m', 'x', 'y1\ny2'],
    ]);
  });
});
