import { todayInShanghai } from '@duban/shared/civil-date';
import { deadlineStepsDue } from '@duban/shared/whistleblowing/whistle-policy';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { addInAppNotices } from '../notifications/in-app-notice.ts';
import { reportHandlerIds } from '../users/report-handler.ts';
import { loadWhistlePolicy } from './whistle-policy.service.ts';
import { claimDeadlineStep, findReport, listReportsWithLimits, lockReport } from './whistleblowing.repository.ts';

/**
 * Time limits of reports (办理 60 + extension days; 反馈 10 days after the conclusion), reminded and escalated the
 * way the reminder engine does it: each (report, due date, step) is claimed exactly once with
 * `insert … on conflict do nothing` in the same transaction as its notices and audit event, after locking the report
 * and re-reading that the limit still runs. A re-run, a restart or a second instance finds the claim and does
 * nothing; an extension moves the due date and so starts a fresh set. Handlers hear about both steps; an overdue
 * step is also an audit event (the escalation on record).
 */
export async function runWhistleDeadlineScan(db: Db, now = new Date()): Promise<{ claimed: number }> {
  const today = todayInShanghai(now);
  let claimed = 0;
  for (const candidate of await listReportsWithLimits(db)) {
    const policy = await loadWhistlePolicy(db, candidate.org_unit_id);
    claimed += await inTransaction(db, async (trx) => {
      await lockReport(trx, candidate.id);
      const r = await findReport(trx, candidate.org_unit_id, candidate.id);
      if (!r) return 0;
      const limits: { kind: 'handle' | 'feedback'; due: string }[] = [];
      if (r.due_on && !r.concluded_on && (r.status === 'accepted' || r.status === 'investigating')) {
        limits.push({ kind: 'handle', due: r.due_on });
      }
      if (r.feedback_due_on && !r.feedback_on) limits.push({ kind: 'feedback', due: r.feedback_due_on });
      let n = 0;
      for (const limit of limits) {
        for (const step of deadlineStepsDue(limit.due, today, policy)) {
          const name = `${limit.kind}-${step}`;
          if (!(await claimDeadlineStep(trx, r.id, limit.due, name, now.toISOString()))) continue;
          n += 1;
          const what = limit.kind === 'handle' ? '办理期限' : '向举报人反馈期限';
          const title = step === 'remind' ? `举报${what}将至（${limit.due}）` : `举报已超过${what}（${limit.due}）`;
          const handlers = await reportHandlerIds(trx, r.org_unit_id);
          await addInAppNotices(
            trx,
            r.org_unit_id,
            handlers,
            { kind: `whistle-${name}`, title, body: `举报 #${r.id}（${r.enterprise_name}）${title}` },
            now,
          );
          await appendAudit(
            trx,
            {
              orgUnitId: r.org_unit_id,
              actor: 'system',
              action: `whistle.deadline.${name}`,
              entity: 'whistle_report',
              touchesReadModels: false,
              entityId: r.id,
              after: { due: limit.due, step: name, notified: handlers.length },
            },
            now,
          );
        }
      }
      return n;
    });
  }
  return { claimed };
}
