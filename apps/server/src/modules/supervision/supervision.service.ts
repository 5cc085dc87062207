import type {
  ExtensionResponse,
  ExtensionWithOccurrenceResponse,
  ListActionsQuery,
  ListExtensionsQuery,
  SupervisionActionResponse,
} from '@duban/shared/contracts/supervision';
import type { Db } from '../../db/database.ts';
import {
  canSeeDepartment,
  extensionNotFound,
  occurrenceNotFound,
  type SupervisionReadScope,
  supervisionActionNotFound,
} from './supervision.policy.ts';
import { presentAction, presentExtension, presentOccurrenceDue } from './supervision.present.ts';
import {
  findExtension,
  findOccurrenceDue,
  findSupervisionAction,
  listExtensions,
  listSupervisionActions,
} from './supervision.repository.ts';

/**
 * Read use cases. Writes are one file each: record-action.ts, reply-to-notice.ts, request-extension.ts,
 * decide-extension.ts. A department user sees only its own department, whatever the filters say.
 */

export async function listActions(
  db: Db,
  scope: SupervisionReadScope,
  q: ListActionsQuery,
): Promise<SupervisionActionResponse[]> {
  const rows = await listSupervisionActions(db, {
    orgUnitId: scope.orgUnitId,
    scopeDepartmentId: scope.departmentId,
    occurrenceId: q.occurrenceId,
    departmentId: q.departmentId,
    kind: q.kind,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map(presentAction);
}

export async function getAction(db: Db, scope: SupervisionReadScope, id: number): Promise<SupervisionActionResponse> {
  const row = await findSupervisionAction(db, scope.orgUnitId, id);
  if (!row || !canSeeDepartment(scope, row.department_id)) throw supervisionActionNotFound();
  return presentAction(row);
}

export async function listExtensionRequests(
  db: Db,
  scope: SupervisionReadScope,
  q: ListExtensionsQuery,
): Promise<ExtensionResponse[]> {
  const rows = await listExtensions(db, {
    orgUnitId: scope.orgUnitId,
    scopeDepartmentId: scope.departmentId,
    status: q.status,
    occurrenceId: q.occurrenceId,
    departmentId: q.departmentId,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map(presentExtension);
}

export async function getExtensionRequest(
  db: Db,
  scope: SupervisionReadScope,
  id: number,
): Promise<ExtensionWithOccurrenceResponse> {
  const row = await findExtension(db, scope.orgUnitId, id);
  if (!row || !canSeeDepartment(scope, row.department_id)) throw extensionNotFound();
  const occurrence = await findOccurrenceDue(db, scope.orgUnitId, row.occurrence_id);
  if (!occurrence) throw occurrenceNotFound();
  return { extension: presentExtension(row), occurrence: presentOccurrenceDue(occurrence) };
}
