import type { RemoveEvidenceResponse } from '@duban/shared/contracts/progress';
import { isEditable } from '@duban/shared/progress/report-workflow';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type ActingScope, canSee, evidenceNotFound } from './progress.policy.ts';
import { deleteEvidence, findEvidence } from './progress.repository.ts';
import { changeReport, loadReport, stateConflict } from './report-writes.ts';

/**
 * Removes a file from a draft or returned report before it is (re)submitted: the same reach as adding evidence
 * (the report's department, or the office acting for it). Evidence of a report another department owns answers
 * like a missing file (404). The report's version is checked and bumped (a stale one: 409), and the audit event is
 * written in the same transaction. The stored bytes stay: they are kept by content hash and may be shared with other
 * evidence, and the audit chain names them.
 */
export async function removeEvidence(
  db: Db,
  scope: ActingScope,
  evidenceId: number,
  reportVersion: number,
  now = new Date(),
): Promise<RemoveEvidenceResponse> {
  return db.transaction().execute(async (trx) => {
    const record = await findEvidence(trx, scope.orgUnitId, evidenceId);
    if (!record || !canSee(scope, { departmentId: record.department_id })) throw evidenceNotFound();
    const r = await loadReport(trx, scope, record.report_id);
    if (!isEditable(r.status)) throw stateConflict(r);
    const version = await changeReport(trx, r, reportVersion, { updated_at: now.toISOString() }, ['draft', 'returned']);
    await deleteEvidence(trx, evidenceId);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'evidence.remove',
        entity: 'evidence_file',
        entityId: evidenceId,
        before: {
          reportId: r.id,
          reportVersion: r.version,
          fileName: record.file_name,
          sha256: record.sha256,
          mime: record.mime,
          size: record.size,
        },
        after: { reportId: r.id, reportVersion: version },
      },
      now,
    );
    return { reportVersion: version };
  });
}
