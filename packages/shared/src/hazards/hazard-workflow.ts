/**
 * The closed loop of one hazard (事故隐患): reported → confirmed → rectifying → acceptance_requested → accepted →
 * closed (销号). A failed acceptance goes back to rectifying. A general hazard can be fixed on the spot (立查立改):
 * closed in one step with before/after evidence, the one step recording an on-the-spot acceptance, so that every
 * closed hazard has a passed acceptance (the database refuses anything else).
 * Pure rules shared by the server (which enforces them) and the web (which enables buttons from them).
 */
export const HAZARD_STATUSES = [
  'reported',
  'confirmed',
  'rectifying',
  'acceptance_requested',
  'accepted',
  'closed',
] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

export const HAZARD_CHANNELS = [
  'self_check',
  'department_inspection',
  'enforcement',
  'public_report',
  'expert',
  'assigned',
  'other',
] as const;
export type HazardChannel = (typeof HAZARD_CHANNELS)[number];

export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  reported: '已上报',
  confirmed: '已确认',
  rectifying: '整改中',
  acceptance_requested: '待验收',
  accepted: '验收通过',
  closed: '已销号',
};

export const HAZARD_LEVEL_LABELS: Record<HazardLevel, string> = { general: '一般隐患', major: '重大隐患' };

export const HAZARD_CHANNEL_LABELS: Record<HazardChannel, string> = {
  self_check: '企业自查',
  department_inspection: '部门检查',
  enforcement: '执法检查',
  public_report: '群众举报查实',
  expert: '专家排查',
  assigned: '上级交办',
  other: '其他',
};

/** What a step needs to know about the hazard besides its status. */
export interface HazardFacts {
  status: HazardStatus;
  level: HazardLevel;
  /** Major hazards: the determination basis (standard + article + item) is cited. */
  hasBasis: boolean;
  /** Major hazards: 现状及原因, 危害程度和整改难易程度, 治理方案 and the 五落实 are all filled in. */
  hasPlan: boolean;
  /** Major hazards: the evaluation report (self or third party) is attached. */
  hasEvaluation: boolean;
  /** The latest acceptance result, if any. */
  lastAcceptance: 'pass' | 'fail' | null;
}

export type HazardAction =
  | 'confirm'
  | 'start_rectification'
  | 'request_acceptance'
  | 'accept_pass'
  | 'accept_fail'
  | 'close'
  | 'fix_on_spot';

export const HAZARD_ACTION_LABELS: Record<HazardAction, string> = {
  confirm: '确认隐患',
  start_rectification: '开始整改',
  request_acceptance: '申请验收',
  accept_pass: '验收通过',
  accept_fail: '验收不通过',
  close: '销号',
  fix_on_spot: '立查立改',
};

/** Why a step cannot be taken: a stable code and a Chinese message. */
export interface StepRefusal {
  code:
    | 'wrong_state'
    | 'basis_required'
    | 'plan_required'
    | 'evaluation_required'
    | 'acceptance_required'
    | 'major_no_spot_fix';
  message: string;
}

export type StepResult = { ok: true; next: HazardStatus } | { ok: false; refusal: StepRefusal };

const FROM: Record<HazardAction, readonly HazardStatus[]> = {
  confirm: ['reported'],
  start_rectification: ['confirmed'],
  request_acceptance: ['rectifying'],
  accept_pass: ['acceptance_requested'],
  accept_fail: ['acceptance_requested'],
  close: ['accepted'],
  fix_on_spot: ['reported', 'confirmed', 'rectifying'],
};

const TO: Record<HazardAction, HazardStatus> = {
  confirm: 'confirmed',
  start_rectification: 'rectifying',
  request_acceptance: 'acceptance_requested',
  accept_pass: 'accepted',
  accept_fail: 'rectifying',
  close: 'closed',
  fix_on_spot: 'closed',
};

const refuse = (code: StepRefusal['code'], message: string): StepResult => ({ ok: false, refusal: { code, message } });

/** The status a step leads to, or why it cannot be taken now. */
export function nextStatus(h: HazardFacts, action: HazardAction): StepResult {
  // 销号 of an open hazard without a passed acceptance is its own refusal (409 acceptance_required).
  if (action === 'close' && h.status !== 'closed' && (h.status !== 'accepted' || h.lastAcceptance !== 'pass')) {
    return refuse('acceptance_required', '销号须以验收通过为前提：该隐患尚无通过的验收 (acceptance required)');
  }
  if (!FROM[action].includes(h.status)) {
    return refuse(
      'wrong_state',
      `隐患当前状态为“${HAZARD_STATUS_LABELS[h.status]}”，不能${HAZARD_ACTION_LABELS[action]} (wrong state)`,
    );
  }
  if (action === 'fix_on_spot' && h.level === 'major') {
    return refuse(
      'major_no_spot_fix',
      '重大事故隐患不能立查立改销号，须制定治理方案并经验收 (major hazards need acceptance)',
    );
  }
  if (h.level === 'major') {
    if (action === 'confirm' && !h.hasBasis) {
      return refuse('basis_required', '重大事故隐患须注明判定依据（标准、条款、项） (basis required)');
    }
    if (action === 'start_rectification' && !h.hasPlan) {
      return refuse(
        'plan_required',
        '重大事故隐患须先填报隐患报告（现状及原因、危害程度和整改难易程度、治理方案）和五落实（责任人、措施、资金、时限、预案） (plan required)',
      );
    }
    if (action === 'request_acceptance' && !h.hasEvaluation) {
      return refuse('evaluation_required', '重大事故隐患申请验收前须上传治理效果评估报告 (evaluation required)');
    }
  }
  return { ok: true, next: TO[action] };
}

/** Every action possible from where the hazard is (for the web's buttons). */
export function availableActions(h: HazardFacts): HazardAction[] {
  return (Object.keys(FROM) as HazardAction[]).filter((a) => nextStatus(h, a).ok);
}

export function isOpenHazard(status: HazardStatus): boolean {
  return status !== 'closed';
}

/**
 * A hazard is overdue when it is still open past its effective time limit (the listing's limit, extended by an
 * approved extension) on the given civil date. Dates are 'YYYY-MM-DD' strings, so text order is date order.
 */
export function isOverdue(status: HazardStatus, timeLimit: string | null, today: string): boolean {
  return isOpenHazard(status) && status !== 'accepted' && timeLimit !== null && timeLimit < today;
}

/** Stock (存量) hazards are those found in 2023 or earlier; the campaign clears them by the end of 2024. */
export function isStock2023(foundOn: string): boolean {
  return foundOn < '2024-01-01';
}
