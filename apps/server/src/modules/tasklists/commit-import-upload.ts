import type { ImportCommitResponse } from '@duban/shared/contracts/tasklists';
import type { Db } from '../../db/database.ts';
import { commitTaskListImport } from './import-commit.ts';
import type { ImportUpload } from './import-upload.ts';
import { readUploadedList } from './preview-import-upload.ts';
import type { ImportScope } from './tasklists.policy.ts';

/**
 * The import wizard's commit: the same file and decisions as the preview are read again (the wizard is stateless),
 * then written in one transaction (import-commit.ts); departments the office did not map are created unconfirmed.
 */
export async function commitImportUpload(
  db: Db,
  scope: ImportScope,
  upload: ImportUpload,
): Promise<ImportCommitResponse> {
  const { preview } = await readUploadedList(db, scope, upload);
  return commitTaskListImport(db, preview, { ...scope, createUnknownDepartments: true });
}
