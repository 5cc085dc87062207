import { readdirSync, readFileSync } from 'node:fs';
import { ClassRuleTable } from '@duban/shared/inspections/class-rules';
import { AppError } from '../../core/app-error.ts';

/** The class frequency tables shipped as configuration (apps/server/seed/inspection-classes/*.json). */
const DIR = new URL('../../../seed/inspection-classes/', import.meta.url);
let cache: Map<string, ClassRuleTable> | null = null;

export function classTables(): Map<string, ClassRuleTable> {
  if (cache) return cache;
  const tables = new Map<string, ClassRuleTable>();
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const table = ClassRuleTable.parse(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
    tables.set(table.code, table);
  }
  cache = tables;
  return tables;
}

export function classTable(code: string): ClassRuleTable {
  const table = classTables().get(code);
  if (!table) {
    throw new AppError('validation_failed', `没有名为 ${code} 的检查频次配置表`, [
      { path: 'classTable', message: '未知配置表' },
    ]);
  }
  return table;
}
