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

  constructor(
    readonly departments: RegistryDepartment[],
    aliases: { department_id: number; alias: string }[],
  ) {
    const byId = new Map(departments.map((d) => [d.id, d]));
    for (const d of departments) this.byKey.set(normalizeDepartmentName(d.name), { department: d, via: 'name' });
    for (const a of aliases) {
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

  /** Names sharing the longest common substring (at least 2 characters) with the unknown one, best first. */
  suggest(name: string, limit = 3): string[] {
    const scored: { name: string; score: number }[] = [];
    for (const d of this.departments) {
      const score = longestCommonSubstring(name, normalizeDepartmentName(d.name));
      if (score >= 2) scored.push({ name: d.name, score });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.name);
  }
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
