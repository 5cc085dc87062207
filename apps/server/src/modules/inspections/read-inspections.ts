import { todayInShanghai } from '@duban/shared/civil-date';
import type { FieldDayResponse, InspectionResponse } from '@duban/shared/contracts/inspections';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { openHazardsOf } from './hazard-link.ts';
import { canSeeInspection, type FieldScope, type InspectionScope, inspectionNotFound } from './inspections.policy.ts';
import { presentInspection } from './inspections.present.ts';
import {
  countInspections,
  findInspection,
  type InspectionRow,
  selectFindings,
  selectInspections,
  selectPhotos,
  selectTeams,
} from './inspections.repository.ts';

export async function presentRows(db: Db, rows: InspectionRow[]): Promise<InspectionResponse[]> {
  const ids = rows.map((r) => r.id);
  const teams = await selectTeams(db, ids);
  const findings = await selectFindings(db, ids);
  return rows.map((r) =>
    presentInspection(
      r,
      teams
        .filter((t) => t.inspection_id === r.id)
        .map((t) => ({ inspectorId: t.inspector_id, name: t.name, kind: t.kind })),
      findings.filter((f) => f.inspection_id === r.id),
    ),
  );
}

/** One inspection in scope, else 404 (the same body whether missing or not the caller's). */
export async function loadInspectionInScope(db: Db, scope: InspectionScope, id: number): Promise<InspectionRow> {
  const row = await findInspection(db, scope.orgUnitId, id);
  if (!row) throw inspectionNotFound();
  const team = (await selectTeams(db, [id])).map((t) => t.inspector_id);
  if (!canSeeInspection(scope, row, team)) throw inspectionNotFound();
  return row;
}

export async function getInspection(db: Db, scope: InspectionScope, id: number): Promise<InspectionResponse> {
  const row = await loadInspectionInScope(db, scope, id);
  return (await presentRows(db, [row]))[0] as InspectionResponse;
}

export async function listInspections(
  db: Db,
  scope: InspectionScope,
  query: { from?: string; to?: string; enterpriseId?: number; limit: number; offset: number },
) {
  const filter = {
    orgUnitId: scope.orgUnitId,
    departmentId: scope.departmentId,
    inspectorId: scope.inspectorId,
    enterpriseId: scope.enterpriseId ?? query.enterpriseId ?? null,
    from: query.from,
    to: query.to,
  };
  if (scope.enterpriseId !== null && query.enterpriseId !== undefined && query.enterpriseId !== scope.enterpriseId) {
    return { inspections: [], total: 0 };
  }
  const rows = await selectInspections(db, { ...filter, limit: query.limit, offset: query.offset });
  const total = await countInspections(db, filter);
  const full = await presentRows(db, rows);
  return { inspections: full.map(({ findings: _f, checklist: _c, ...rest }) => rest), total };
}

/**
 * The phone's day pack: the caller's inspections of the day (an inspector: their assignments) with checklists and
 * findings, and each enterprise's open hazards from the hazard register.
 */
export async function fieldDay(
  db: Db,
  scope: FieldScope,
  date: string | undefined,
  now = new Date(),
): Promise<FieldDayResponse> {
  const day = date ?? todayInShanghai(now);
  const rows = await selectInspections(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: scope.departmentId,
    inspectorId: scope.inspectorId,
    enterpriseId: scope.enterpriseId,
    from: day,
    to: day,
    limit: 200,
  });
  const inspections = await presentRows(db, rows);
  const enterpriseIds = [...new Set(rows.map((r) => r.enterprise_id))];
  const openHazards = await openHazardsOf(db, scope.hazards, enterpriseIds);
  return { date: day, inspections, openHazards };
}

/** A photo of an inspection in scope, by its client key. */
export async function findPhoto(db: Db, scope: InspectionScope, inspectionId: number, key: string) {
  await loadInspectionInScope(db, scope, inspectionId);
  const photo = (await selectPhotos(db, inspectionId)).find((x) => x.client_key === key);
  if (!photo) throw new AppError('not_found', '照片不存在 (photo not found)');
  return photo;
}
