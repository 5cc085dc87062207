import {
  HAZARD_CHANNEL_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_STATUS_LABELS,
  type HazardChannel,
  type HazardLevel,
  type HazardStatus,
} from '@duban/shared/hazards/hazard-workflow';
import type { Lang } from '../../i18n/i18n.tsx';

const STATUS_EN: Record<HazardStatus, string> = {
  reported: 'Reported',
  confirmed: 'Confirmed',
  rectifying: 'Rectifying',
  acceptance_requested: 'Acceptance requested',
  accepted: 'Accepted',
  closed: 'Closed',
};
const LEVEL_EN: Record<HazardLevel, string> = { general: 'General', major: 'Major' };
const CHANNEL_EN: Record<HazardChannel, string> = {
  self_check: 'Self-check',
  department_inspection: 'Department inspection',
  enforcement: 'Enforcement',
  public_report: 'Verified public report',
  expert: 'Expert review',
  assigned: 'Assigned from above',
  other: 'Other',
};

export const statusLabel = (s: string, lang: Lang) =>
  (lang === 'en' ? STATUS_EN : HAZARD_STATUS_LABELS)[s as HazardStatus] ?? s;
export const levelLabel = (s: string, lang: Lang) =>
  (lang === 'en' ? LEVEL_EN : HAZARD_LEVEL_LABELS)[s as HazardLevel] ?? s;
export const channelLabel = (s: string, lang: Lang) =>
  (lang === 'en' ? CHANNEL_EN : HAZARD_CHANNEL_LABELS)[s as HazardChannel] ?? s;

export const STATUS_COLOR: Record<string, string> = {
  reported: 'default',
  confirmed: 'blue',
  rectifying: 'orange',
  acceptance_requested: 'purple',
  accepted: 'cyan',
  closed: 'green',
};

const EVENT_ZH: Record<string, string> = {
  report: '上报',
  confirm: '确认',
  plan: '填报隐患报告和五落实',
  start_rectification: '开始整改',
  listing: '挂牌督办',
  evaluation: '治理效果评估',
  request_acceptance: '申请验收',
  accept_pass: '验收通过',
  accept_fail: '验收不通过',
  close: '销号',
  fix_on_spot: '立查立改销号',
  files: '上传材料',
  extension_request: '申请延期',
  extension_approved: '同意延期',
  extension_rejected: '不同意延期',
  overdue_explanation: '逾期挂账说明',
};
const EVENT_EN: Record<string, string> = {
  report: 'Reported',
  confirm: 'Confirmed',
  plan: 'Report and five implementations filed',
  start_rectification: 'Rectification started',
  listing: 'Listed for supervision',
  evaluation: 'Effect evaluation',
  request_acceptance: 'Acceptance requested',
  accept_pass: 'Acceptance passed',
  accept_fail: 'Acceptance failed',
  close: 'Closed (written off)',
  fix_on_spot: 'Fixed on the spot and closed',
  files: 'Files uploaded',
  extension_request: 'Extension requested',
  extension_approved: 'Extension approved',
  extension_rejected: 'Extension rejected',
  overdue_explanation: 'Overdue explanation',
};
export const eventLabel = (kind: string, lang: Lang = 'zh-CN') => (lang === 'en' ? EVENT_EN : EVENT_ZH)[kind] ?? kind;
