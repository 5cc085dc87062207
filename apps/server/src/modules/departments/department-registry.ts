import type { DepartmentKind } from '../../db/schema.ts';
import { normalizeDepartmentName, splitParenthesisedAlias } from './department-name.ts';

export interface RegistryDepartment {
  id: number;
  name: string;
  kind: DepartmentKind;
  confirmed: boolean;
}

export type DepartmentMatch =
  | { status: 'matched'; department: RegistryDepartment; via: 'name' | 'alias' }
  | { status: 'unknown'; name: string; suggestions: string[] };

/**
 * An in-memory view of one unit's departments and aliases, for matching imported names.
 * Matching order: exact name, alias, then each half of the 'A（B）' form.
 */
export class DepartmentRegistry {
  private readonly byKey = new Map<string, { department: RegistryDepartment; via: 'name' | 'alias' }>();
  private readonly aliasesOf = new Map<number, string[]>();

  constructor(
    readonly departments: RegistryDepartment[],
    aliases: { department_id: number; alias: string }[],
  ) {
    const byId = new Map(departments.map((d) => [d.id, d]));
    for (const d of departments) this.byKey.set(normalizeDepartmentName(d.name), { department: d, via: 'name' });
    for (const a of aliases) {
      this.aliasesOf.set(a.department_id, [...(this.aliasesOf.get(a.department_id) ?? []), a.alias]);
      const d = byId.get(a.department_id);
      const key = normalizeDepartmentName(a.alias);
      if (d && !this.byKey.has(key)) this.byKey.set(key, { department: d, via: 'alias' });
    }
  }

  match(raw: string): DepartmentMatch {
    const whole = this.byKey.get(normalizeDepartmentName(raw));
    if (whole) return { status: 'matched', ...whole };
    const { name, alias } = splitParenthesisedAlias(raw);
    for (const candidate of [name, alias]) {
      const hit = candidate ? this.byKey.get(candidate) : undefined;
      if (hit) return { status: 'matched', department: hit.department, via: 'alias' };
    }
    return { status: 'unknown', name, suggestions: this.suggest(name) };
  }

  /**
   * Registry names that share the longest run of characters (at least 2) with the unknown one, best first,
   * comparing cores: '开发区财政局' and '财政管理运营部' meet on 财政 once the unit prefix and the 局/部 suffix go.
   */
  suggest(name: string, limit = 3): string[] {
    const core = nameCore(name);
    const scored: { name: string; score: number }[] = [];
    for (const d of this.departments) {
      if (d.kind === 'group') continue;
      const cores = [d.name, ...(this.aliasesOf.get(d.id) ?? [])].map(nameCore);
      const score = Math.max(...cores.map((c) => longestCommonSubstring(core, c)));
      if (score >= 2) scored.push({ name: d.name, score });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.name);
  }
}

const UNIT_PREFIX =
  /^(?:[\u4e00-\u9fff]{2,4}?(?:经济技术开发区|经济开发区|高新区|开发区|新区)|开发区|经开区|[省市县区])/;
const GENERIC_SUFFIX = /(?:管理部|工作部|办公室|委员会|服务中心|中心|分局|局|部|办|委|处|科|站|所)$/;

/** The distinctive part of a department name: without the unit prefix (开发区, 市, 县…) and generic suffix (局, 部…). */
export function nameCore(raw: string): string {
  const n = normalizeDepartmentName(raw).replace(/\(.*\)$/, '');
  const core = n.replace(UNIT_PREFIX, '').replace(GENERIC_SUFFIX, '');
  return core.length >= 2 ? core : n;
}

function longestCommonSubstring(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const up = prev[j] ?? 0;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      best = Math.max(best, prev[j] ?? 0);
      diag = up;
    }
  }
  return best;
}

/** Guesses the kind of a department first seen in an import, from its name. */
export function guessDepartmentKind(name: string): DepartmentKind {
  if (/^各/.test(name) || /各成员单位|各相关/.test(name)) return 'group';
  if (/委员会$|安委会$/.test(name)) return 'committee';
  if (/^(省|市|县|区)?.*(局|厅).*分局$/.test(name) || /^[省市县]/.test(name)) return 'external';
  return 'department';
}
