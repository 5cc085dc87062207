import type { ClassRule } from './class-rules.ts';

/**
 * Annual inspection plan (安全生产年度监督检查计划, 分类分级): from the enterprises with their class and key flag, the
 * class rules, and the inspectors' working days, how often each enterprise is inspected and in which months.
 *  - a key (重点) enterprise gets its class's yearly maximum: high-risk enterprises are inspected by plan;
 *  - a general enterprise gets one planned visit while capacity lasts (classes with the higher maximum first),
 *    the rest are left to the 双随机 draw (planned 0, `drawPool`);
 *  - capacity = Σ working days × visits per team-day ÷ team size; key enterprises are never cut, so a plan whose
 *    key visits exceed capacity is flagged `overCapacity` for the office to add people or change the table.
 */
export interface PlanEnterprise {
  id: number;
  departmentId: number | null;
  classCode: string;
  key: boolean;
}

export interface PlanCapacityInput {
  /** Working days each inspector gives to field inspections this year. */
  inspectorDays: number[];
  visitsPerTeamDay: number;
  teamSize: number;
}

export interface PlanItem {
  enterpriseId: number;
  departmentId: number | null;
  classCode: string;
  key: boolean;
  planned: number;
  /** 1–12, one per planned visit, ascending. */
  months: number[];
}

export interface PlanSummary {
  enterprises: number;
  keyEnterprises: number;
  plannedVisits: number;
  keyVisits: number;
  capacity: number;
  /** General enterprises with no planned visit: inspected through the 双随机 draw. */
  drawPool: number;
  overCapacity: boolean;
  unknownClasses: string[];
}

export function planCapacity(input: PlanCapacityInput): number {
  const days = input.inspectorDays.reduce((s, d) => s + Math.max(0, d), 0);
  if (input.teamSize < 1) return 0;
  return Math.floor((days * input.visitsPerTeamDay) / input.teamSize);
}

/** Months for `planned` visits spread over the year; `offset` (the enterprise id) staggers enterprises. */
export function spreadMonths(planned: number, offset: number): number[] {
  if (planned <= 0) return [];
  const months: number[] = [];
  const step = 12 / planned;
  const shift = Math.floor(step) > 1 ? offset % Math.floor(step) : 0;
  for (let k = 0; k < planned; k++) months.push(Math.min(12, 1 + Math.floor(k * step) + shift));
  return months;
}

export function generatePlan(
  enterprises: readonly PlanEnterprise[],
  rules: ReadonlyMap<string, ClassRule>,
  capacityInput: PlanCapacityInput,
): { items: PlanItem[]; summary: PlanSummary } {
  const capacity = planCapacity(capacityInput);
  const unknown = new Set<string>();
  const items: PlanItem[] = [];
  let keyVisits = 0;
  const general: { index: number; max: number; id: number }[] = [];
  for (const e of enterprises) {
    const rule = rules.get(e.classCode);
    if (!rule) unknown.add(e.classCode);
    const max = rule?.maxPerYear ?? 0;
    const planned = e.key ? max : 0;
    keyVisits += planned;
    items.push({
      enterpriseId: e.id,
      departmentId: e.departmentId,
      classCode: e.classCode,
      key: e.key,
      planned,
      months: [],
    });
    if (!e.key && max > 0) general.push({ index: items.length - 1, max, id: e.id });
  }
  general.sort((a, b) => b.max - a.max || a.id - b.id);
  let remaining = capacity - keyVisits;
  for (const g of general) {
    if (remaining <= 0) break;
    (items[g.index] as PlanItem).planned = 1;
    remaining--;
  }
  let plannedVisits = 0;
  let drawPool = 0;
  for (const item of items) {
    item.months = spreadMonths(item.planned, item.enterpriseId);
    plannedVisits += item.planned;
    if (!item.key && item.planned === 0) drawPool++;
  }
  return {
    items,
    summary: {
      enterprises: enterprises.length,
      keyEnterprises: enterprises.filter((e) => e.key).length,
      plannedVisits,
      keyVisits,
      capacity,
      drawPool,
      overCapacity: keyVisits > capacity,
      unknownClasses: [...unknown].sort(),
    },
  };
}
