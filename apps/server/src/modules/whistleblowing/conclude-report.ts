import { todayInShanghai } from '@duban/shared/civil-date';
import type { ConcludeWhistleRequest } from '@duban/shared/contracts/whistleblowing';
import { feedbackDue } from '@duban/shared/whistleblowing/whistle-policy';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { changeReport, loadReportInScope, requireStatus } from './report-writes.ts';
import { loadWhistlePolicy } from './whistle-policy.service.ts';
import type { HandlerScope } from './whistleblowing.policy.ts';
import type { WhistleReportRow } from './whistleblowing.repository.ts';

/**
 * Creates the hazard a verified report (查实) becomes, inside the same transaction, and returns its id (the hazards
 * module's create use case, wired in linked-hazard.ts). A verified report whose enterprise is not in the registry
 * (neither named from it nor chosen at the conclusion) is concluded without a hazard.
 */
export type CreateLinkedHazard = (
  trx: Db,
  input: {
    orgUnitId: number;
    actor: string;
    userId: number;
    report: WhistleReportRow;
    enterpriseId: number;
    level: 'general' | 'major';
    basis: string;
    foundOn: string;
  },
) => Promise<number>;

/** 查实 or 不实 with the reason; the feedback limit (10 days by default) starts; a reply given now counts as feedback. */
export async function concludeReport(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: ConcludeWhistleRequest,
  createHazard: CreateLinkedHazard | null,
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['accepted', 'investigating'], '办结');
    const policy = await loadWhistlePolicy(trx, scope.orgUnitId);
    const today = todayInShanghai(now);
    let hazardId: number | null = null;
    const enterpriseId = input.enterpriseId ?? r.enterprise_id;
    if (input.conclusion === 'verified' && createHazard && enterpriseId !== null) {
      hazardId = await createHazard(trx, {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        userId: scope.userId,
        report: r,
        enterpriseId,
        level: input.hazardLevel,
        basis: input.hazardBasis ?? '',
        foundOn: today,
      });
    }
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        status: 'concluded',
        conclusion: input.conclusion,
        conclusion_reason: input.reason,
        hazard_id: hazardId,
        enterprise_id: enterpriseId,
        concluded_on: today,
        feedback_due_on: feedbackDue(today, policy),
        ...(input.publicReply ? { public_reply: input.publicReply, feedback_on: today } : {}),
      },
      'whistle.conclude',
      now,
    );
  });
}

/** The public reply (答复) shown on the receipt page; after the conclusion it is the feedback that stops the clock. */
export async function replyToReporter(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; publicReply: string },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        public_reply: input.publicReply,
        ...(r.status === 'concluded' && !r.feedback_on ? { feedback_on: todayInShanghai(now) } : {}),
      },
      'whistle.reply',
      now,
    );
  });
}
