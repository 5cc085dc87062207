import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { OFFICE_ROLES } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { addInAppNotices } from '../notifications/in-app-notice.ts';
import { listUsers } from '../users/users.repository.ts';
import { claimWarning, selectExpiringCertificates, selectUnitsWithExperts } from './experts.repository.ts';

export interface CertificateWarning {
  certificateId: number;
  expertId: number;
  expertName: string;
  certificate: string;
  expiresOn: string;
  stage: 'due_30' | 'expired';
}

/** Days before expiry when the first warning goes out. */
export const CERTIFICATE_WARN_DAYS = 30;

/**
 * Certificate expiry warnings through the reminder engine's idea (like hazards/hazard-reminders.ts): each
 * (certificate × expiry date × stage) is claimed exactly once with `insert … on conflict do nothing` on
 * expert_certificate_warnings, in one transaction with its in-app notices to the office accounts and the audit
 * event. 'due_30' within 30 days of expiry, 'expired' from the day after it on; a renewed certificate (new expiry
 * date) starts a new set. A re-run, a restart or a second instance finds the claims and does nothing. Returns only
 * the warnings this call claimed.
 */
export async function scanCertificateWarnings(
  db: Db,
  orgUnitId: number,
  now = new Date(),
): Promise<CertificateWarning[]> {
  const today = todayInShanghai(now);
  const rows = await selectExpiringCertificates(db, orgUnitId, addDays(today, CERTIFICATE_WARN_DAYS));
  const warnings: CertificateWarning[] = [];
  await db.transaction().execute(async (trx) => {
    const claimed: CertificateWarning[] = [];
    for (const r of rows) {
      const stage = r.expires_on < today ? 'expired' : 'due_30';
      if (await claimWarning(trx, r.id, r.expires_on, stage, now.toISOString())) {
        claimed.push({
          certificateId: r.id,
          expertId: r.expert_id,
          expertName: r.expert_name,
          certificate: r.name,
          expiresOn: r.expires_on,
          stage,
        });
      }
    }
    if (claimed.length === 0) return;
    const office = (await listUsers(trx, orgUnitId))
      .filter((u) => u.disabled === 0 && OFFICE_ROLES.includes(u.role))
      .map((u) => u.id);
    for (const w of claimed) {
      const what = w.stage === 'expired' ? '已过期' : '即将到期';
      await addInAppNotices(
        trx,
        orgUnitId,
        office,
        {
          kind: `expert_certificate_${w.stage}`,
          title: `专家证书${what}：${w.expertName}`,
          body: `专家 ${w.expertName} 的“${w.certificate}”有效期至 ${w.expiresOn}，${
            w.stage === 'expired'
              ? '已过期，抽取专家时请核实其资格'
              : `将在 ${CERTIFICATE_WARN_DAYS} 天内到期，请提醒其续期`
          }。`,
        },
        now,
      );
    }
    await appendAudit(
      trx,
      {
        orgUnitId,
        actor: 'system',
        action: 'expert.certificate_warning',
        entity: 'expert_certificate',
        entityId: null,
        after: { warnings: claimed, recipients: office.length },
      },
      now,
    );
    warnings.push(...claimed);
  });
  return warnings;
}

/** The scheduled scan: every unit with an expert pool (reminders/reminder-scheduler.ts calls it after its own). */
export async function scanCertificateWarningsAllUnits(db: Db, now = new Date()): Promise<CertificateWarning[]> {
  const out: CertificateWarning[] = [];
  for (const unit of await selectUnitsWithExperts(db)) out.push(...(await scanCertificateWarnings(db, unit, now)));
  return out;
}
