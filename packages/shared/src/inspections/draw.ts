import { SeededRandom } from './seeded-random.ts';
import { sha256Hex } from './sha256.ts';

/**
 * 双随机 (一单两库): draw enterprises from the target pool and a team for each from the inspector pool.
 *
 * Reproducible by construction: the pools are put in a canonical order and hashed (`poolsHash`); the only
 * randomness is a stream derived from the recorded seed (SeededRandom); so anyone holding the seed and the
 * published pools re-runs `runDraw` and gets the same teams. The algorithm, step by step:
 *  1. targets sorted by id; excluded ones (recently penalised, already inspected this period …) are left out;
 *  2. the eligible targets are shuffled; taken in that order while their class is under its cap, until
 *     `targetCount` are staffed;
 *  3. for each taken target, staff inspectors are shuffled, stably sorted by teams already given (spreading the
 *     work), and the first `teamSize` (≥ 2) not recused are the team; then `expertsPerTeam` experts the same way.
 *     A target without a full team is recorded as unstaffed and the next one is tried.
 * Recusal: the inspector's employer or former employer is the target, a declared conflict with the target, or the
 * same inspector–target pair as in the last draw.
 */

export interface DrawTarget {
  id: number;
  name: string;
  classCode: string;
  /** Why it is left out of this draw (e.g. 'recently_penalised', 'inspected_this_period'); null when eligible. */
  excluded: string | null;
}

export interface DrawInspector {
  id: number;
  name: string;
  kind: 'staff' | 'expert';
  /** Enterprises the person works or worked for. */
  employerIds: number[];
  /** Enterprises the person declared a conflict of interest with. */
  conflictIds: number[];
}

export interface DrawRules {
  targetCount: number;
  /** At most this many targets of a class in one draw; a class not named has no cap. */
  capsPerClass: Record<string, number>;
  /** Staff inspectors per team, at least 2 (two law-enforcement officers on every inspection). */
  teamSize: number;
  expertsPerTeam: number;
  /** At most this many teams per person in one draw (0: no limit). */
  maxTeamsPerInspector: number;
}

export interface DrawPools {
  targets: DrawTarget[];
  inspectors: DrawInspector[];
  /** Inspector–target pairs of the previous draw: not repeated. */
  lastPairs: [number, number][];
  rules: DrawRules;
}

export interface DrawTeam {
  targetId: number;
  inspectorIds: number[];
  expertIds: number[];
}

export interface DrawResult {
  selected: DrawTeam[];
  /** Targets taken in draw order for which no full team could be formed. */
  unstaffed: number[];
  eligible: number;
  excluded: number;
}

export const MIN_TEAM_SIZE = 2;

/** The pools in canonical order (ids ascending, id lists sorted, cap keys sorted), so equal content hashes equally. */
export function canonicalPools(pools: DrawPools): DrawPools {
  const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;
  const num = (a: number, b: number) => a - b;
  const caps: Record<string, number> = {};
  for (const key of Object.keys(pools.rules.capsPerClass).sort()) caps[key] = pools.rules.capsPerClass[key] as number;
  return {
    targets: pools.targets
      .map((t) => ({ id: t.id, name: t.name, classCode: t.classCode, excluded: t.excluded ?? null }))
      .sort(byId),
    inspectors: pools.inspectors
      .map((i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
        employerIds: [...new Set(i.employerIds)].sort(num),
        conflictIds: [...new Set(i.conflictIds)].sort(num),
      }))
      .sort(byId),
    lastPairs: pools.lastPairs.map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    rules: {
      targetCount: pools.rules.targetCount,
      capsPerClass: caps,
      teamSize: pools.rules.teamSize,
      expertsPerTeam: pools.rules.expertsPerTeam,
      maxTeamsPerInspector: pools.rules.maxTeamsPerInspector,
    },
  };
}

/**
 * sha256 of the canonical pools' JSON: what a published draw commits to. The server may pass a native sha256 (the
 * same digest, faster); the pure one is the default so a browser or any script gets the same hash.
 */
export function hashPools(pools: DrawPools, sha256: (text: string) => string = sha256Hex): string {
  return sha256(JSON.stringify(canonicalPools(pools)));
}

/** Whether the person must not inspect the target. */
export function isRecused(inspector: DrawInspector, targetId: number, lastPairs: ReadonlySet<string>): boolean {
  return (
    inspector.employerIds.includes(targetId) ||
    inspector.conflictIds.includes(targetId) ||
    lastPairs.has(`${inspector.id}:${targetId}`)
  );
}

export function validateRules(rules: DrawRules): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(rules.targetCount) || rules.targetCount < 1) problems.push('抽取数量应为正整数 (targetCount)');
  if (!Number.isInteger(rules.teamSize) || rules.teamSize < MIN_TEAM_SIZE) {
    problems.push(`每组执法人员不少于 ${MIN_TEAM_SIZE} 人 (teamSize ≥ ${MIN_TEAM_SIZE})`);
  }
  if (!Number.isInteger(rules.expertsPerTeam) || rules.expertsPerTeam < 0)
    problems.push('每组专家人数无效 (expertsPerTeam)');
  if (!Number.isInteger(rules.maxTeamsPerInspector) || rules.maxTeamsPerInspector < 0) {
    problems.push('每人最多组数无效 (maxTeamsPerInspector)');
  }
  for (const [cls, cap] of Object.entries(rules.capsPerClass)) {
    if (!Number.isInteger(cap) || cap < 0) problems.push(`类别 ${cls} 的上限无效`);
  }
  return problems;
}

/** Runs the draw. Pure and deterministic in (seed, pools). */
export function runDraw(seedHex: string, input: DrawPools): DrawResult {
  const pools = canonicalPools(input);
  const problems = validateRules(pools.rules);
  if (problems.length > 0) throw new Error(problems.join('；'));
  const rules = pools.rules;
  const random = new SeededRandom(seedHex);
  const lastPairs = new Set(pools.lastPairs.map(([i, t]) => `${i}:${t}`));
  const eligible = pools.targets.filter((t) => t.excluded === null);
  const order = random.shuffle(eligible);
  const staff = pools.inspectors.filter((i) => i.kind === 'staff');
  const experts = pools.inspectors.filter((i) => i.kind === 'expert');
  const load = new Map<number, number>();
  const perClass = new Map<string, number>();
  const selected: DrawTeam[] = [];
  const unstaffed: number[] = [];

  const pick = (people: DrawInspector[], count: number, targetId: number): number[] | null => {
    if (count === 0) return [];
    const ranked = random
      .shuffle(people)
      .filter((p) => rules.maxTeamsPerInspector === 0 || (load.get(p.id) ?? 0) < rules.maxTeamsPerInspector)
      .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0));
    const team: number[] = [];
    for (const person of ranked) {
      if (team.length === count) break;
      if (!isRecused(person, targetId, lastPairs)) team.push(person.id);
    }
    return team.length === count ? team : null;
  };

  for (const target of order) {
    if (selected.length >= rules.targetCount) break;
    const cap = rules.capsPerClass[target.classCode];
    const taken = perClass.get(target.classCode) ?? 0;
    if (cap !== undefined && taken >= cap) continue;
    const inspectorIds = pick(staff, rules.teamSize, target.id);
    const expertIds = inspectorIds ? pick(experts, rules.expertsPerTeam, target.id) : null;
    if (!inspectorIds || !expertIds) {
      unstaffed.push(target.id);
      continue;
    }
    for (const id of [...inspectorIds, ...expertIds]) load.set(id, (load.get(id) ?? 0) + 1);
    perClass.set(target.classCode, taken + 1);
    selected.push({
      targetId: target.id,
      inspectorIds: inspectorIds.sort((a, b) => a - b),
      expertIds: expertIds.sort((a, b) => a - b),
    });
  }
  return { selected, unstaffed, eligible: eligible.length, excluded: pools.targets.length - eligible.length };
}

/** Whether a stored result is what the draw gives (same targets, same teams, same order). */
export function sameResult(a: DrawTeam[], b: DrawTeam[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
