/**
 * Normalises a department name for matching: full-width brackets and spaces unified, whitespace removed.
 * The form 'A（B）' is split into the name A and its alias B.
 */
export function normalizeDepartmentName(raw: string): string {
  return raw
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s\u3000]+/g, '')
    .trim();
}

export function splitParenthesisedAlias(raw: string): { name: string; alias: string | null } {
  const n = normalizeDepartmentName(raw);
  const m = /^(.+?)\(([^()]+)\)$/.exec(n);
  if (!m) return { name: n, alias: null };
  return { name: m[1] ?? n, alias: m[2] ?? null };
}
