import { z } from 'zod';

/**
 * Inspection frequency by enterprise class is provincial policy, so it is configuration data, not code: a table
 * (apps/server/seed/inspection-classes/<region>-<year>.json) names groups of classes (煤矿 by 安全等级, 危化 by 标准化
 * 等级 …) and for each class the most inspections per enterprise per year.
 */
export const ClassRuleTable = z.object({
  code: z.string().min(1),
  region: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  source: z.string(),
  groups: z
    .array(
      z.object({
        code: z.string().min(1),
        label: z.string().min(1),
        classes: z
          .array(z.object({ code: z.string().min(1), label: z.string().min(1), maxPerYear: z.number().int().min(0) }))
          .min(1),
      }),
    )
    .min(1),
  /** 督导检查: the most supervisory visits per enterprise per year, over all classes. */
  supervisionMaxPerYear: z.number().int().min(0).nullable(),
});
export type ClassRuleTable = z.infer<typeof ClassRuleTable>;

export interface ClassRule {
  code: string;
  label: string;
  groupLabel: string;
  maxPerYear: number;
}

/** Class code → rule; throws when two classes share a code. */
export function classRuleIndex(table: ClassRuleTable): Map<string, ClassRule> {
  const index = new Map<string, ClassRule>();
  for (const g of table.groups) {
    for (const c of g.classes) {
      if (index.has(c.code)) throw new Error(`类别代码重复：${c.code}`);
      index.set(c.code, { code: c.code, label: c.label, groupLabel: g.label, maxPerYear: c.maxPerYear });
    }
  }
  return index;
}
