/**
 * Whistleblower reward tariff (举报奖励). Defaults from 安全生产领域举报奖励办法 (安监总财〔2018〕19号): a major hazard or
 * illegal production earns 15% of the fine, at least 3,000 元 and at most 300,000 元; a concealed accident earns
 * 30,000 / 40,000 / 50,000 / 60,000 元 per concealed death by accident grade (一般/较大/重大/特别重大), at most 300,000 元.
 * Amounts are whole 元.
 */
export const ACCIDENT_GRADES = ['general', 'larger', 'major', 'especially_major'] as const;
export type AccidentGrade = (typeof ACCIDENT_GRADES)[number];
export const ACCIDENT_GRADE_LABELS: Record<AccidentGrade, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

export interface RewardTariff {
  finePercent: number;
  fineMinYuan: number;
  fineMaxYuan: number;
  perDeathYuan: Record<AccidentGrade, number>;
  concealedMaxYuan: number;
}

export const DEFAULT_REWARD_TARIFF: RewardTariff = {
  finePercent: 15,
  fineMinYuan: 3000,
  fineMaxYuan: 300000,
  perDeathYuan: { general: 30000, larger: 40000, major: 50000, especially_major: 60000 },
  concealedMaxYuan: 300000,
};

export type RewardBasis =
  | { basis: 'fine'; fineYuan: number }
  | { basis: 'concealed_accident'; deaths: number; grade: AccidentGrade };

/** The proposal the tariff gives; the office may approve a different amount with a note. */
export function computeReward(input: RewardBasis, tariff: RewardTariff = DEFAULT_REWARD_TARIFF): number {
  if (input.basis === 'fine') {
    if (!(input.fineYuan >= 0)) throw new RangeError('fine must be >= 0');
    const share = Math.round((input.fineYuan * tariff.finePercent) / 100);
    return Math.min(tariff.fineMaxYuan, Math.max(tariff.fineMinYuan, share));
  }
  if (!Number.isInteger(input.deaths) || input.deaths < 1) throw new RangeError('deaths must be a positive integer');
  return Math.min(tariff.concealedMaxYuan, input.deaths * tariff.perDeathYuan[input.grade]);
}
