import type { ImportPreviewResponse } from '@duban/shared/contracts/tasklists';
import type { Db } from '../../db/database.ts';
import { loadDepartmentRegistry } from '../departments/departments.service.ts';
import { parseTaskListInWorker, withUserJobSlot } from '../office-files/office-jobs.ts';
import { diffTasks, loadExistingTasks } from './import-diff.ts';
import { presentPreview } from './import-preview.present.ts';
import { type ImportPreview, previewTaskListImport } from './import-preview.ts';
import type { ImportUpload } from './import-upload.ts';
import type { ImportScope } from './tasklists.policy.ts';
import { findTaskList } from './tasklists.repository.ts';

/**
 * Reads an uploaded list with the wizard's decisions: the file parsed in the bounded worker pool (at most two
 * imports/exports per account at once), departments matched against the unit's registry, deadlines parsed.
 */
export async function readUploadedList(db: Db, scope: ImportScope, upload: ImportUpload) {
  const registry = await loadDepartmentRegistry(db, scope.orgUnitId);
  const preview: ImportPreview = await withUserJobSlot(scope.actor, () =>
    previewTaskListImport({ ...upload, registry, decisions: upload, parse: parseTaskListInWorker }),
  );
  return { preview, registry };
}

/**
 * The import wizard's preview (writes nothing): the uploaded list as read, and the difference to the list of that
 * year already imported.
 */
export async function previewImportUpload(
  db: Db,
  scope: ImportScope,
  upload: ImportUpload,
): Promise<ImportPreviewResponse> {
  const { preview, registry } = await readUploadedList(db, scope, upload);
  const existing = await findTaskList(db, scope.orgUnitId, scope.campaignId, preview.year);
  const status = !existing ? 'new' : existing.source_sha256 === preview.sha256 ? 'same' : 'changed';
  const stored = await loadExistingTasks(db, scope.orgUnitId, scope.campaignId, preview.year);
  return presentPreview(preview, status, registry.departments, diffTasks(stored, preview.tasks));
}
