import { addDays, type CivilDate } from '../civil-date.ts';

/** 行政处罚 and other enforcement measures recorded after an inspection. */
export const ENFORCEMENT_KINDS = [
  'warning', // 警告
  'fine', // 罚款 (amount required)
  'suspension', // 责令停产停业整顿
  'license_suspend', // 暂扣证照
  'license_revoke', // 吊销证照
  'closure_request', // 提请关闭取缔
  'judicial_referral', // 移送司法
  'daily_fine', // 按日连续处罚 (amount per day and days)
  'zero_penalty', // 不予处罚 / 零处罚 (reason code required)
] as const;
export type EnforcementKind = (typeof ENFORCEMENT_KINDS)[number];

export const ENFORCEMENT_LABELS: Record<EnforcementKind, string> = {
  warning: '警告',
  fine: '罚款',
  suspension: '责令停产停业整顿',
  license_suspend: '暂扣证照',
  license_revoke: '吊销证照',
  closure_request: '提请关闭取缔',
  judicial_referral: '移送司法',
  daily_fine: '按日连续处罚',
  zero_penalty: '不予处罚（零处罚）',
};

/** Why an inspection with findings ended without a penalty (行政处罚法 第33条 and practice). */
export const ZERO_PENALTY_REASONS = [
  'statutory',
  'first_violation',
  'self_reported',
  'correction_only',
  'other',
] as const;
export type ZeroPenaltyReason = (typeof ZERO_PENALTY_REASONS)[number];
export const ZERO_PENALTY_LABELS: Record<ZeroPenaltyReason, string> = {
  statutory: '法定不罚',
  first_violation: '首违不罚',
  self_reported: '企业自查自改已报告',
  correction_only: '仅责令改正',
  other: '其他',
};

/** A penalty (行政处罚) in the sense of 第113条's count and of the statistics: everything but zero_penalty. */
export function isPenalty(kind: EnforcementKind): boolean {
  return kind !== 'zero_penalty';
}

/** What the record must carry for its kind; the Chinese messages name the field. */
export function enforcementProblems(input: {
  kind: EnforcementKind;
  amountYuan: number | null;
  days: number | null;
  zeroPenaltyReason: ZeroPenaltyReason | null;
  zeroPenaltyText: string | null;
  decisionNo: string | null;
  legalBasis: string | null;
}): { path: string; message: string }[] {
  const p: { path: string; message: string }[] = [];
  if (input.kind === 'fine' || input.kind === 'daily_fine') {
    if (input.amountYuan === null || !(input.amountYuan > 0))
      p.push({ path: 'amountYuan', message: '罚款须填写金额（元）' });
  } else if (input.amountYuan !== null) {
    p.push({ path: 'amountYuan', message: '只有罚款、按日连续处罚才有金额' });
  }
  if (input.kind === 'daily_fine' && (input.days === null || input.days < 1)) {
    p.push({ path: 'days', message: '按日连续处罚须填写天数' });
  }
  if (input.kind === 'zero_penalty') {
    if (input.zeroPenaltyReason === null) p.push({ path: 'zeroPenaltyReason', message: '零处罚须选择理由' });
    if (input.zeroPenaltyReason === 'other' && !input.zeroPenaltyText?.trim()) {
      p.push({ path: 'zeroPenaltyText', message: '理由为“其他”时须填写说明' });
    }
  } else {
    if (input.zeroPenaltyReason !== null) p.push({ path: 'zeroPenaltyReason', message: '只有零处罚才填理由' });
    if (!input.decisionNo?.trim()) p.push({ path: 'decisionNo', message: '须填写决定书文号' });
    if (!input.legalBasis?.trim()) p.push({ path: 'legalBasis', message: '须填写法律依据' });
  }
  return p;
}

/** 安全生产法 第78条: a penalty decision is published within 7 working days of the decision. */
export const PUBLICATION_WORKING_DAYS = 7;

/**
 * 安全生产法 第113条 (closure rule): an enterprise with a major hazard that is penalised 3 times within 180 days, or 4
 * times within one year, is proposed for closure. Given its penalty decision dates, the first window that hits.
 */
export function closureAlert(
  decisionDates: readonly CivilDate[],
): { rule: '3-in-180-days' | '4-in-a-year'; from: CivilDate; to: CivilDate } | null {
  const dates = [...decisionDates].sort();
  for (let i = 0; i < dates.length; i++) {
    const start = dates[i] as CivilDate;
    const within = (days: number) => dates.slice(i).filter((d) => d <= addDays(start, days - 1));
    const in180 = within(180);
    if (in180.length >= 3) return { rule: '3-in-180-days', from: start, to: in180[2] as CivilDate };
    const inYear = within(365);
    if (inYear.length >= 4) return { rule: '4-in-a-year', from: start, to: inYear[3] as CivilDate };
  }
  return null;
}
