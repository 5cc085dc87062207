import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DrawInspector, type DrawPools, type DrawTarget, hashPools, runDraw, sameResult } from './draw.ts';
import { SeededRandom } from './seeded-random.ts';
import { sha256Hex } from './sha256.ts';

function pools(seed: string, n = 60, m = 14): DrawPools {
  // A pool shaped by its own seed, so the property test also varies the pools.
  const r = new SeededRandom(seed.split('').reverse().join(''));
  const classes = ['hazchem-2', 'general-1', 'general-none', 'coal-B'];
  const targets: DrawTarget[] = Array.from({ length: n }, (_, i) => ({
    id: 1000 + i,
    name: `企业${i}`,
    classCode: classes[r.nextInt(classes.length)] as string,
    excluded: r.nextInt(10) === 0 ? 'recently_penalised' : null,
  }));
  const inspectors: DrawInspector[] = Array.from({ length: m }, (_, i) => ({
    id: i + 1,
    name: `人员${i}`,
    kind: i < m - 4 ? 'staff' : 'expert',
    // Each person worked for a few of the enterprises, and declared a conflict with one.
    employerIds: [1000 + r.nextInt(n), 1000 + r.nextInt(n), 1000 + r.nextInt(n)],
    conflictIds: [1000 + r.nextInt(n)],
  }));
  const lastPairs: [number, number][] = Array.from({ length: 20 }, () => [1 + r.nextInt(m), 1000 + r.nextInt(n)]);
  return {
    targets,
    inspectors,
    lastPairs,
    rules: { targetCount: 12, capsPerClass: { 'coal-B': 2 }, teamSize: 2, expertsPerTeam: 1, maxTeamsPerInspector: 0 },
  };
}

describe('sha256', () => {
  it('equals node:crypto on empty, short, block-boundary and long inputs', () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 1000, 100_000]) {
      const text = 'a安'.repeat(len).slice(0, len);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('SeededRandom', () => {
  it('gives the same stream for the same seed and a different one for another', () => {
    const a = new SeededRandom('00'.repeat(32));
    const b = new SeededRandom('00'.repeat(32));
    const c = new SeededRandom(`${'00'.repeat(31)}01`);
    const xs = Array.from({ length: 50 }, () => a.nextInt(1000));
    expect(Array.from({ length: 50 }, () => b.nextInt(1000))).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.nextInt(1000))).not.toEqual(xs);
  });

  it('is roughly uniform (chi-square over 10 buckets)', () => {
    const r = new SeededRandom('ab'.repeat(32));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[r.nextInt(10)]++;
    const chi = counts.reduce((s, c) => s + (c - 2000) ** 2 / 2000, 0);
    expect(chi).toBeLessThan(30); // 9 degrees of freedom: p ≈ 0.0004
  });

  it('refuses a seed that is not hex', () => {
    expect(() => new SeededRandom('xyz')).toThrow();
  });
});

describe('runDraw', () => {
  it('is reproducible from the seed, whatever order the pools come in', () => {
    const seed = randomBytes(32).toString('hex');
    const p = pools(seed);
    const shuffled: DrawPools = { ...p, targets: [...p.targets].reverse(), inspectors: [...p.inspectors].reverse() };
    expect(hashPools(shuffled)).toBe(hashPools(p));
    expect(sameResult(runDraw(seed, shuffled).selected, runDraw(seed, p).selected)).toBe(true);
  });

  it('changes its hash when the pool changes', () => {
    const p = pools('cd'.repeat(32));
    const changed = { ...p, targets: p.targets.map((t, i) => (i === 3 ? { ...t, classCode: 'coal-A' } : t)) };
    expect(hashPools(changed)).not.toBe(hashPools(p));
    const fewer = { ...p, inspectors: p.inspectors.slice(1) };
    expect(hashPools(fewer)).not.toBe(hashPools(p));
  });

  it('property over 500 seeds: no recusal broken, teams of ≥ 2 staff, caps and exclusions kept, no repeats', () => {
    for (let k = 0; k < 500; k++) {
      const seed = randomBytes(32).toString('hex');
      const p = pools(seed);
      const result = runDraw(seed, p);
      const byId = new Map(p.inspectors.map((i) => [i.id, i]));
      const targets = new Map(p.targets.map((t) => [t.id, t]));
      const last = new Set(p.lastPairs.map(([i, t]) => `${i}:${t}`));
      const seen = new Set<number>();
      let coal = 0;
      for (const team of result.selected) {
        const target = targets.get(team.targetId) as DrawTarget;
        expect(target.excluded).toBeNull();
        expect(seen.has(team.targetId)).toBe(false);
        seen.add(team.targetId);
        if (target.classCode === 'coal-B') coal++;
        expect(team.inspectorIds.length).toBeGreaterThanOrEqual(2);
        expect(new Set(team.inspectorIds).size).toBe(team.inspectorIds.length);
        for (const id of [...team.inspectorIds, ...team.expertIds]) {
          const person = byId.get(id) as DrawInspector;
          expect(person.employerIds).not.toContain(team.targetId);
          expect(person.conflictIds).not.toContain(team.targetId);
          expect(last.has(`${id}:${team.targetId}`)).toBe(false);
        }
        for (const id of team.inspectorIds) expect(byId.get(id)?.kind).toBe('staff');
        for (const id of team.expertIds) expect(byId.get(id)?.kind).toBe('expert');
      }
      expect(coal).toBeLessThanOrEqual(2);
      expect(result.selected.length).toBeGreaterThan(5); // the property is not checked on empty draws
      expect(result.selected.length).toBeLessThanOrEqual(12);
      expect(runDraw(seed, p).selected).toEqual(result.selected);
    }
  });

  it('marks a target unstaffed when everyone is recused from it, and draws the next one', () => {
    const p: DrawPools = {
      targets: [
        { id: 1, name: '甲', classCode: 'x', excluded: null },
        { id: 2, name: '乙', classCode: 'x', excluded: null },
      ],
      inspectors: [
        { id: 10, name: 'A', kind: 'staff', employerIds: [1], conflictIds: [] },
        { id: 11, name: 'B', kind: 'staff', employerIds: [], conflictIds: [] },
        { id: 12, name: 'C', kind: 'staff', employerIds: [], conflictIds: [] },
      ],
      lastPairs: [[11, 1]],
      rules: { targetCount: 2, capsPerClass: {}, teamSize: 2, expertsPerTeam: 0, maxTeamsPerInspector: 0 },
    };
    for (const seed of ['01'.repeat(16), '02'.repeat(16), '03'.repeat(16)]) {
      const r = runDraw(seed, p);
      expect(r.unstaffed).toEqual([1]);
      expect(r.selected.map((s) => s.targetId)).toEqual([2]);
    }
  });

  it('refuses a team of one', () => {
    const p = pools('ef'.repeat(32));
    expect(() => runDraw('ef'.repeat(32), { ...p, rules: { ...p.rules, teamSize: 1 } })).toThrow(/不少于 2 人/);
  });

  it('spreads teams over people (no one far above the mean)', () => {
    const p = pools('12'.repeat(32), 400, 24);
    const r = runDraw('12'.repeat(32), { ...p, rules: { ...p.rules, targetCount: 100, capsPerClass: {} } });
    const load = new Map<number, number>();
    for (const t of r.selected) for (const id of t.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
    const values = [...load.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(3);
  });
});
