/**
 * Large `IN (…)` lists, split: SQLite refuses a statement with more than 32,766 bound values ("too many SQL
 * variables") and PostgreSQL slows down on huge lists, so a 100,000-row import must never build one. `selectInChunks`
 * runs one query per chunk of ascending ids and concatenates the results, so "order by id" per chunk stays ordered.
 */
export const IN_CHUNK = 1000;

export async function selectInChunks<T extends number | string, R>(
  values: readonly T[],
  run: (chunk: T[]) => Promise<R[]>,
  size = IN_CHUNK,
): Promise<R[]> {
  if (values.length === 0) return [];
  const sorted = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: R[] = [];
  for (let i = 0; i < sorted.length; i += size) out.push(...(await run(sorted.slice(i, i + size))));
  return out;
}

export async function runInChunks<T>(values: readonly T[], run: (chunk: T[]) => Promise<unknown>, size = IN_CHUNK) {
  for (let i = 0; i < values.length; i += size) await run(values.slice(i, i + size));
}
