import type { Submission, SubmissionsQuery } from '@duban/shared/contracts/rollup';
import type { Db } from '../../db/database.ts';
import { readerSubtree } from './read-rollup.ts';
import { type RollupReadScope, submissionNotFound } from './rollup.policy.ts';
import { findSubmissionFile, listSubmissions } from './rollup.repository.ts';
import { submissionView } from './submissions.ts';

/** The unit's own submissions (every version), or those its child units sent it. */
export async function readSubmissions(db: Db, scope: RollupReadScope, query: SubmissionsQuery): Promise<Submission[]> {
  const rows = await listSubmissions(db, {
    ...(query.side === 'mine' ? { orgUnitId: scope.homeUnitId } : { parentUnitId: scope.homeUnitId }),
    ...(query.period ? { periodKey: query.period } : {}),
  });
  return rows.map((r) =>
    submissionView(r, { id: r.org_unit_id, code: r.unit_code, name: r.unit_name, level: r.unit_level }),
  );
}

/** The frozen .xlsx of a submission made by a unit of the reader's subtree (its own or a child's); else 404. */
export async function readSubmissionFile(db: Db, scope: RollupReadScope, id: number) {
  const file = await findSubmissionFile(db, id);
  if (!file) throw submissionNotFound();
  const { view } = await readerSubtree(db, scope);
  if (!view.byId.has(file.org_unit_id)) throw submissionNotFound();
  return { fileName: file.file_name, bytes: Buffer.from(file.file_bytes) };
}
