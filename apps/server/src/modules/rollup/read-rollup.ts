import { todayInShanghai } from '@duban/shared/civil-date';
import {
  type RollupFigures,
  RollupFiguresSchema,
  type RollupQuery,
  RollupResponse,
  type UnitRef,
} from '@duban/shared/contracts/rollup';
import { defaultAsOf } from '@duban/shared/default-as-of';
import { ratesOf, sumFigures } from '@duban/shared/rollup/figures';
import type { Db } from '../../db/database.ts';
import { type CachedBody, ReadModelCache } from '../read-models/read-model-cache.ts';
import { versionsByUnit } from '../read-models/read-models.service.ts';
import { type RollupReadScope, unitNotFound } from './rollup.policy.ts';
import {
  latestSubmissionsOfChildren,
  selectSubtree,
  selectTreeUnitIds,
  type UnitNodeRow,
} from './rollup.repository.ts';
import { unitOwnFigures } from './unit-figures.ts';

/**
 * The roll-up's caches, per app instance: each unit's own figures at that unit's read-model version, and each whole
 * answer at the sum of its subtree's versions (counters only grow, so the sum changes exactly when one of them
 * does). A write in one zone recomputes that zone's figures only; every other unit is a cache hit.
 */
export class RollupCaches {
  readonly unitFigures = new ReadModelCache(8192);
  readonly answers = new ReadModelCache(256);
}

/** At most this many units' figures are computed at once on a cache miss (PostgreSQL's pool is shared). */
const PARALLEL = 4;

export interface SubtreeView {
  nodes: UnitNodeRow[];
  byId: Map<number, UnitNodeRow>;
  children: Map<number, UnitNodeRow[]>;
}

export function indexSubtree(nodes: UnitNodeRow[]): SubtreeView {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<number, UnitNodeRow[]>();
  for (const n of nodes) {
    if (n.parent_id === null || !byId.has(n.parent_id) || n.depth === 0) continue;
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  return { nodes, byId, children };
}

/** The ids of a unit and every unit below it within the view. */
export function descendantsOf(view: SubtreeView, unitId: number): number[] {
  const out: number[] = [];
  const stack = [unitId];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    out.push(id);
    for (const c of view.children.get(id) ?? []) stack.push(c.id);
  }
  return out;
}

/** The reader's subtree, and the unit it asks for (its own when none): 404 for a unit outside it. */
export async function readerSubtree(db: Db, scope: RollupReadScope, unitId?: number) {
  const view = indexSubtree(await selectSubtree(db, scope.homeUnitId));
  const root = view.byId.get(unitId ?? scope.homeUnitId);
  if (!root) throw unitNotFound();
  return { view, root };
}

export const unitRef = (n: Pick<UnitNodeRow, 'id' | 'code' | 'name' | 'level'>): UnitRef => ({
  id: n.id,
  code: n.code,
  name: n.name,
  level: n.level,
});

/** The quarter of a civil date: 2025-Q3 for 2025-07-01. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** One unit's own figures through the per-unit cache (computed on a miss, at the unit's read-model version). */
function cachedOwnFigures(
  db: Db,
  caches: RollupCaches,
  u: { id: number; year: number; asOf: string; today: string; version: number },
): Promise<CachedBody> {
  return caches.unitFigures.get(`${u.id}/${u.year}/${u.asOf}/${u.today}`, u.version, () =>
    unitOwnFigures(db, u.id, u.year, u.asOf),
  );
}

/**
 * Fills the per-unit cache at start, in the background (an instance's first roll-up would otherwise compute every
 * unit's figures: seconds for a province): the units that have a parent or a child, for the year the roll-up page
 * opens on (this year, as of today), one unit at a time, at most `limit` units; `stopped()` ends it early (the app
 * closing). Errors are the caller's to log: the cache then fills on the first requests as before.
 */
export async function warmUnitFigures(
  db: Db,
  caches: RollupCaches,
  stopped: () => boolean,
  limit = 4096,
): Promise<number> {
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const asOf = defaultAsOf(year, today);
  const ids = await selectTreeUnitIds(db, limit);
  let warmed = 0;
  for (const id of ids) {
    if (stopped()) break;
    const versions = await versionsByUnit(db, [id]);
    await cachedOwnFigures(db, caches, {
      id,
      year,
      asOf,
      today,
      version: versions.every + (versions.byUnit.get(id) ?? 0),
    });
    warmed++;
  }
  return warmed;
}

/**
 * The roll-up of a unit (the reader's own, or one of its subtree): per direct child the sum of the own figures of
 * the child and every unit below it; the totals; the unit's own (本级) figures; and per child its latest 直报 of
 * the period. Returned as the cached body to send (ETag, compressed once).
 */
export async function readRollup(
  db: Db,
  caches: RollupCaches,
  scope: RollupReadScope,
  query: RollupQuery,
): Promise<CachedBody> {
  const { view, root } = await readerSubtree(db, scope, query.unitId);
  const year = query.year;
  const asOf = query.asOf ?? defaultAsOf(year);
  const period = query.period ?? quarterOf(asOf);
  const unitIds = descendantsOf(view, root.id);
  const versions = await versionsByUnit(db, unitIds);
  const versionOf = (ids: number[]) => ids.reduce((sum, id) => sum + (versions.byUnit.get(id) ?? 0), versions.every);
  const today = todayInShanghai();

  return caches.answers.get(`${root.id}/${year}/${asOf}/${period}/${today}`, versionOf(unitIds), async () => {
    const own = new Map<number, RollupFigures>();
    await mapLimit(unitIds, PARALLEL, async (id) => {
      const body = await cachedOwnFigures(db, caches, { id, year, asOf, today, version: versionOf([id]) });
      own.set(id, RollupFiguresSchema.parse(JSON.parse(body.json.toString())));
    });
    const children = view.children.get(root.id) ?? [];
    const submissions = await latestSubmissionsOfChildren(db, root.id, period);
    const rows = children.map((child) => {
      const figures = sumFigures(descendantsOf(view, child.id).map((id) => own.get(id) as RollupFigures));
      const s = submissions.get(child.id);
      return {
        unit: unitRef(child),
        figures,
        rates: ratesOf(figures),
        hasChildren: (view.children.get(child.id) ?? []).length > 0,
        submission: s ? { id: s.id, seq: s.seq, status: s.status, submittedAt: s.submitted_at } : null,
      };
    });
    const totals = sumFigures(rows.map((r) => r.figures));
    // A returned report has to come again: it counts as not submitted.
    const submitted = rows.filter((r) => r.submission !== null && r.submission.status !== 'returned').length;
    return RollupResponse.parse({
      unit: unitRef(root),
      year,
      asOf,
      period,
      rows,
      totals,
      totalsRates: ratesOf(totals),
      own: own.get(root.id),
      submitted,
      notSubmitted: rows.length - submitted,
    });
  });
}
