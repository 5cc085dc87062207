import { HAZARD_STATUS_LABELS } from '@duban/shared/hazards/hazard-workflow';
import { OFFICE_ROLES } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { findEnterpriseForScope } from '../enterprises/enterprises.service.ts';
import { addInAppNotices } from '../notifications/in-app-notice.ts';
import { listEnterpriseAccountIds, listUsers } from '../users/users.repository.ts';
import { loadHazardSettings } from './hazard-settings.ts';
import type { HazardRowWithEnterprise } from './hazards.repository.ts';

// Who hears about a hazard's listing and its time limit, written in the caller's transaction through the
// notifications module (in-app notices). The enterprise's 主要负责人 and 实际控制人 are named in the text and reached
// through the enterprise's accounts; both, and the supervising department, can be switched off in the settings.

export interface HazardAudience {
  enterpriseAccounts: number[];
  departmentAccounts: number[];
  officeAccounts: number[];
  /** 主要负责人 / 实际控制人 named in the notice (with their phone, for whoever calls them). */
  named: string[];
}

export async function hazardAudience(
  trx: Db,
  orgUnitId: number,
  hazard: HazardRowWithEnterprise,
  departmentIds: number[],
): Promise<HazardAudience> {
  const settings = await loadHazardSettings(trx, orgUnitId);
  const enterprise = await findEnterpriseForScope(
    trx,
    { orgUnitId, departmentId: null, enterpriseId: null },
    hazard.enterprise_id,
  );
  const named: string[] = [];
  if (enterprise && settings.notifyPrincipal && enterprise.principal_name) {
    named.push(
      `主要负责人 ${enterprise.principal_name}${enterprise.principal_phone ? ` ${enterprise.principal_phone}` : ''}`,
    );
  }
  if (enterprise && settings.notifyController && enterprise.controller_name) {
    named.push(
      `实际控制人 ${enterprise.controller_name}${enterprise.controller_phone ? ` ${enterprise.controller_phone}` : ''}`,
    );
  }
  const users = (await listUsers(trx, orgUnitId)).filter((u) => u.disabled === 0);
  const wantsEnterprise = settings.notifyPrincipal || settings.notifyController;
  return {
    enterpriseAccounts: wantsEnterprise ? await listEnterpriseAccountIds(trx, orgUnitId, hazard.enterprise_id) : [],
    departmentAccounts: settings.notifyDepartment
      ? users
          .filter((u) => u.role === 'department' && u.department_id !== null && departmentIds.includes(u.department_id))
          .map((u) => u.id)
      : [],
    officeAccounts: users
      .filter((u) => OFFICE_ROLES.includes(u.role as (typeof OFFICE_ROLES)[number]))
      .map((u) => u.id),
    named,
  };
}

/** Notifies the listing of a major hazard; returns how many accounts were notified. */
export async function notifyListing(
  trx: Db,
  input: {
    orgUnitId: number;
    hazard: HazardRowWithEnterprise;
    noticeNo: string;
    timeLimit: string;
    departmentIds: number[];
    now: Date;
  },
): Promise<number> {
  const a = await hazardAudience(trx, input.orgUnitId, input.hazard, input.departmentIds);
  const ids = [...new Set([...a.enterpriseAccounts, ...a.departmentAccounts])];
  const title = `重大事故隐患挂牌督办：${input.hazard.enterprise_name}`;
  const body = [
    `${input.hazard.enterprise_name}的重大事故隐患（${input.hazard.place}：${input.hazard.description}）已挂牌督办，`,
    `通知书编号 ${input.noticeNo}，整改时限 ${input.timeLimit}。`,
    a.named.length ? `请告知：${a.named.join('；')}。` : '',
  ].join('');
  await addInAppNotices(trx, input.orgUnitId, ids, { kind: 'hazard_listed', title, body }, input.now);
  return ids.length;
}

/** A reminder or escalation of a hazard's time limit; returns how many accounts were notified. */
export async function notifyTimeLimit(
  trx: Db,
  input: {
    orgUnitId: number;
    hazard: HazardRowWithEnterprise;
    step: 'remind' | 'due' | 'overdue';
    departmentIds: number[];
    now: Date;
  },
): Promise<number> {
  const a = await hazardAudience(trx, input.orgUnitId, input.hazard, input.departmentIds);
  const ids = [
    ...new Set([
      ...a.enterpriseAccounts,
      ...a.departmentAccounts,
      ...(input.step === 'overdue' ? a.officeAccounts : []),
    ]),
  ];
  const h = input.hazard;
  const what = { remind: '即将到期', due: '今日到期', overdue: '已逾期（挂账）' }[input.step];
  const title = `隐患整改时限${what}：${h.enterprise_name}`;
  const body = `${h.enterprise_name}（${h.place}）的${h.level === 'major' ? '重大' : '一般'}隐患整改时限为 ${h.time_limit}，当前状态：${
    HAZARD_STATUS_LABELS[h.status]
  }。${input.step === 'overdue' ? '请责任单位书面说明逾期原因。' : ''}`;
  await addInAppNotices(trx, input.orgUnitId, ids, { kind: `hazard_${input.step}`, title, body }, input.now);
  return ids.length;
}
