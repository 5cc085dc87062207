import type { EnterpriseStatus, SupervisorRole } from '@duban/shared/contracts/enterprises';
import type { MessageKey } from '../../i18n/zh-CN.ts';

export const STATUS_KEY: Record<EnterpriseStatus, MessageKey> = {
  operating: 'ent.status.operating',
  suspended: 'ent.status.suspended',
  closed: 'ent.status.closed',
};
export const STATUS_COLOR: Record<EnterpriseStatus, string> = {
  operating: 'green',
  suspended: 'orange',
  closed: 'default',
};
export const ROLE_KEY: Record<SupervisorRole, MessageKey> = {
  industry: 'ent.role.industry',
  territorial: 'ent.role.territorial',
  comprehensive: 'ent.role.comprehensive',
};
export const RISK_COLOR: Record<string, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
