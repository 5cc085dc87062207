import { HAZARD_STATUS_LABELS } from '@duban/shared/hazards/hazard-workflow';
import { OFFICE_ROLES } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { findEnterpriseForScope } from '../enterprises/enterprises.service.ts';
import { enqueueNotice, loadRecipientDirectory } from '../notifications/enqueue-notification.ts';
import type { SubjectNotice } from '../notifications/message-templates.ts';
import { listEnterpriseAccountIds } from '../users/users.repository.ts';
import { loadHazardSettings } from './hazard-settings.ts';
import type { HazardRowWithEnterprise } from './hazards.repository.ts';

// Who hears about a hazard's listing and its time limit, written in the caller's transaction into the
// notifications outbox (notification_queue, subject 'hazard'): composed like the task list's reminders into in-app
// notices, the accounts' e-mail and the channels (DingTalk/WeCom/Feishu/webhooks), sent by the delivery worker.
// The enterprise's 主要负责人 and 实际控制人 are named in the text (with their phones) and reached through the
// enterprise's accounts; the supervising departments through their accounts and channels; each can be switched off.

export interface HazardAudience {
  enterpriseAccounts: number[];
  departmentAccounts: number[];
  officeAccounts: number[];
  departmentChannels: number[];
  officeChannels: number[];
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
  const dir = await loadRecipientDirectory(trx, orgUnitId);
  const wantsEnterprise = settings.notifyPrincipal || settings.notifyController;
  const supervising = (departmentId: number | null) => departmentId !== null && departmentIds.includes(departmentId);
  return {
    enterpriseAccounts: wantsEnterprise ? await listEnterpriseAccountIds(trx, orgUnitId, hazard.enterprise_id) : [],
    departmentAccounts: settings.notifyDepartment
      ? dir.users.filter((u) => u.role === 'department' && supervising(u.departmentId)).map((u) => u.id)
      : [],
    officeAccounts: dir.users.filter((u) => OFFICE_ROLES.includes(u.role)).map((u) => u.id),
    departmentChannels: settings.notifyDepartment
      ? dir.channels.filter((c) => supervising(c.departmentId)).map((c) => c.id)
      : [],
    officeChannels: dir.channels.filter((c) => c.departmentId === null).map((c) => c.id),
    named,
  };
}

const CLOSING = '请登录督办平台查看隐患详情，按期完成整改。';

/** Notifies the listing of a major hazard; returns how many recipients (accounts and channels) it was queued for. */
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
  const h = input.hazard;
  const notice: SubjectNotice = {
    subjectKind: 'hazard',
    subjectId: h.id,
    kind: 'hazard_listed',
    title: `【督办】重大事故隐患挂牌督办：${h.enterprise_name}`,
    lines: [
      `${h.enterprise_name}的重大事故隐患（${h.place}：${h.description}）已挂牌督办，通知书编号 ${input.noticeNo}，整改时限 ${input.timeLimit}。`,
      ...(a.named.length ? [`请告知：${a.named.join('；')}。`] : []),
    ],
    closing: CLOSING,
  };
  return enqueueNotice(trx, {
    orgUnitId: input.orgUnitId,
    notice,
    recipients: {
      userIds: [...a.enterpriseAccounts, ...a.departmentAccounts],
      channelIds: a.departmentChannels,
    },
    now: input.now,
  });
}

/**
 * A reminder or escalation of a hazard's time limit; returns how many recipients it was queued for. Overdue
 * escalates to the office (its accounts and its own channels).
 */
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
  const h = input.hazard;
  const overdue = input.step === 'overdue';
  const what = { remind: '即将到期', due: '今日到期', overdue: '已逾期（挂账）' }[input.step];
  const notice: SubjectNotice = {
    subjectKind: 'hazard',
    subjectId: h.id,
    kind: `hazard_${input.step}`,
    title: `【督办】隐患整改时限${what}：${h.enterprise_name}`,
    lines: [
      `${h.enterprise_name}（${h.place}）的${h.level === 'major' ? '重大' : '一般'}隐患整改时限为 ${h.time_limit}，当前状态：${
        HAZARD_STATUS_LABELS[h.status]
      }。${overdue ? '请责任单位书面说明逾期原因。' : ''}`,
      ...(a.named.length && h.level === 'major' ? [`请告知：${a.named.join('；')}。`] : []),
    ],
    closing: CLOSING,
  };
  return enqueueNotice(trx, {
    orgUnitId: input.orgUnitId,
    notice,
    recipients: {
      userIds: [...a.enterpriseAccounts, ...a.departmentAccounts, ...(overdue ? a.officeAccounts : [])],
      channelIds: [...a.departmentChannels, ...(overdue ? a.officeChannels : [])],
    },
    now: input.now,
  });
}
