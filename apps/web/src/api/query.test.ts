import { hashKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { type Domain, invalidating, queryClient, queryKeys, WRITES_CHANGE } from './query.ts';

const DOMAINS = new Set([
  'tasklists',
  'departments',
  'occurrences',
  'reports',
  'supervision',
  'extensions',
  'dashboard',
  'bulletins',
  'users',
  'notifications',
  'hazards',
  'enterprises',
  'inspections',
  'rollup',
  'whistle',
  'articles',
  'apiTokens',
  'calendarFeeds',
]);

/** One key of every builder (arguments of the right type). */
const EVERY_KEY = {
  hazardList: queryKeys.hazardList({ status: 'reported', limit: 50, offset: 0 }),
  hazard: queryKeys.hazard(7),
  hazardStats: queryKeys.hazardStats(2024),
  hazardStandards: queryKeys.hazardStandards(),
  enterpriseList: queryKeys.enterpriseList({ q: '化工', limit: 50, offset: 0 }),
  enterprise: queryKeys.enterprise(3),
  enterpriseVersions: queryKeys.enterpriseVersions(3),
  enterpriseCatalogue: queryKeys.enterpriseCatalogue(),
  supervisionList: queryKeys.supervisionList({ limit: 100, offset: 0 }),
  inspectionStats: queryKeys.inspectionStats(2024),
  rollup: queryKeys.rollup({ year: 2024, period: '2024-Q1' }),
  submissions: queryKeys.submissions('children', '2024-Q1'),
  unitDashboard: queryKeys.unitDashboard(2, 2024),
  upperDuties: queryKeys.upperDuties(2024),
  whistleReports: queryKeys.whistleReports(null),
  rewards: queryKeys.rewards(),
  articles: queryKeys.articles(),
  apiTokens: queryKeys.apiTokens(),
  calendarFeeds: queryKeys.calendarFeeds(),
  dashboard: queryKeys.dashboard(2024, null),
  taskTable: queryKeys.taskTable(2024, null),
};

/** Puts a value under every key; returns the keys whose entries a write marked stale. */
async function staleAfter(domains: readonly Domain[]) {
  for (const key of Object.values(EVERY_KEY)) queryClient.setQueryData(key, { any: 1 });
  await invalidating(Promise.resolve('ok'), domains);
  return Object.entries(EVERY_KEY)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

afterEach(() => queryClient.clear());

describe('queryKeys', () => {
  it('starts every key with a domain, so that a write can mark a whole domain stale', () => {
    for (const [name, key] of Object.entries(EVERY_KEY)) expect(DOMAINS.has(String(key[0])), name).toBe(true);
  });

  it('gives different filters different keys and equal filters one key, whatever their order', () => {
    const a = queryKeys.hazardList({ status: 'reported', level: 'major', limit: 50, offset: 0 });
    const b = queryKeys.hazardList({ level: 'major', status: 'reported', offset: 0, limit: 50 });
    expect(hashKey(a)).toBe(hashKey(b));
    expect(hashKey(a)).not.toBe(hashKey(queryKeys.hazardList({ status: 'reported', limit: 50, offset: 50 })));
    // A filter left out and one set to undefined (a cleared select) are the same request.
    expect(hashKey(queryKeys.enterpriseList({ q: undefined, limit: 50, offset: 0 }))).toBe(
      hashKey(queryKeys.enterpriseList({ limit: 50, offset: 0 })),
    );
    expect(hashKey(queryKeys.submissions('mine', null))).not.toBe(hashKey(queryKeys.submissions('children', null)));
  });
});

describe('WRITES_CHANGE', () => {
  it('a hazard step refreshes the hazard, the register, the dashboard hazards section and the roll-up only', async () => {
    expect(await staleAfter(WRITES_CHANGE.hazard)).toEqual(
      [
        'hazard',
        'hazardList',
        'hazardStandards',
        'hazardStats',
        'rollup',
        'submissions',
        'unitDashboard',
        'upperDuties',
      ].sort(),
    );
  });

  it('an enterprise write refreshes the registry, its 监管责任清单 and the hazard register, not the statistics of other domains', async () => {
    const stale = await staleAfter(WRITES_CHANGE.enterprise);
    expect(stale).toEqual(
      expect.arrayContaining(['enterprise', 'enterpriseList', 'enterpriseVersions', 'supervisionList', 'hazardList']),
    );
    expect(stale).not.toContain('inspectionStats');
    expect(stale).not.toContain('dashboard');
  });

  it('a verified 举报 creates a hazard: the queue and the hazard register refresh; an article write touches articles only', async () => {
    expect(await staleAfter(WRITES_CHANGE.whistle)).toEqual(
      expect.arrayContaining(['whistleReports', 'rewards', 'hazardList', 'hazardStats']),
    );
    expect(await staleAfter(WRITES_CHANGE.article)).toEqual(['articles']);
  });

  it('a finding refreshes the dashboard enforcement and hazards sections; token and feed writes stay in their lists', async () => {
    expect(await staleAfter(WRITES_CHANGE.inspection)).toEqual(
      expect.arrayContaining(['inspectionStats', 'hazardStats']),
    );
    expect(await staleAfter(WRITES_CHANGE.apiToken)).toEqual(['apiTokens']);
    expect(await staleAfter(WRITES_CHANGE.calendarFeed)).toEqual(['calendarFeeds']);
  });

  it('a failed write marks nothing stale', async () => {
    queryClient.setQueryData(EVERY_KEY.hazardStats, { any: 1 });
    await expect(invalidating(Promise.reject(new Error('409')), WRITES_CHANGE.hazard)).rejects.toThrow('409');
    expect(queryClient.getQueryState(EVERY_KEY.hazardStats)?.isInvalidated).toBe(false);
  });
});
