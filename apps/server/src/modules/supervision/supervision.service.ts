import type {
  ExtensionResponse,
  ExtensionWithOccurrenceResponse,
  ListActionsQuery,
  ListExtensionsQuery,
  SupervisionActionResponse,
} from '@duban/shared/contracts/supervision';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import {
  canSeeDepartment,
  extensionNotFound,
  occurrenceNotFound,
  readScope,
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

export async function listActions(db: Db, p: Principal, q: ListActionsQuery): Promise<SupervisionActionResponse[]> {
  const scope = readScope(p);
  if (!scope.all && scope.departmentId === null) return [];
  const rows = await listSupervisionActions(db, {
    orgUnitId: p.orgUnitId,
    scopeDepartmentId: scope.all ? null : scope.departmentId,
    occurrenceId: q.occurrenceId,
    departmentId: q.departmentId,
    kind: q.kind,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map(presentAction);
}

export async function getAction(db: Db, p: Principal, id: number): Promise<SupervisionActionResponse> {
  readScope(p);
  const row = await findSupervisionAction(db, p.orgUnitId, id);
  if (!row || !canSeeDepartment(p, row.department_id)) throw supervisionActionNotFound();
  return presentAction(row);
}

export async function listExtensionRequests(
  db: Db,
  p: Principal,
  q: ListExtensionsQuery,
): Promise<ExtensionResponse[]> {
  const scope = readScope(p);
  if (!scope.all && scope.departmentId === null) return [];
  const rows = await listExtensions(db, {
    orgUnitId: p.orgUnitId,
    scopeDepartmentId: scope.all ? null : scope.departmentId,
    status: q.status,
    occurrenceId: q.occurrenceId,
    departmentId: q.departmentId,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map(presentExtension);
}

export async function getExtensionRequest(db: Db, p: Principal, id: number): Promise<ExtensionWithOccurrenceResponse> {
  readScope(p);
  const row = await findExtension(db, p.orgUnitId, id);
  if (!row || !canSeeDepartment(p, row.department_id)) throw extensionNotFound();
  const occurrence = await findOccurrenceDue(db, p.orgUnitId, row.occurrence_id);
  if (!occurrence) throw occurrenceNotFound();
  return { extension: presentExtension(row), occurrence: presentOccurrenceDue(occurrence) };
}
