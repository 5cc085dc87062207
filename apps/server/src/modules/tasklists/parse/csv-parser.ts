/** CSV task lists (UTF-8 with or without BOM, or GBK/GB18030 — decoded before this). */
import { splitCsv } from './csv-records.ts';
import { type GridTasks, parseGrid } from './grid-tasks.ts';

/** Null when no header row is found with either a comma or a semicolon as delimiter. */
export function parseCsvText(text: string): GridTasks | null {
  for (const delimiter of [',', ';']) {
    if (!text.includes(delimiter)) continue;
    const parsed = parseGrid(splitCsv(text, delimiter), { joinFragments: true });
    if (parsed !== null) return parsed;
  }
  return null;
}
