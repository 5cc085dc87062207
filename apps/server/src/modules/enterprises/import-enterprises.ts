import { todayInShanghai } from '@duban/shared/civil-date';
import type { ImportEnterprisesResponse, ImportedEnterprise, ImportProblem } from '@duban/shared/contracts/enterprises';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { loadDepartmentRegistry } from '../departments/departments.service.ts';
import { TaskListFileError } from '../tasklists/parse/tasklist-file-error.ts';
import { writeRelatedAndVersion } from './enterprise-writes.ts';
import type { EnterpriseActingScope } from './enterprises.policy.ts';
import {
  type EnterpriseRow,
  type EnterpriseValues,
  findEnterprisesByCodes,
  findOrgUnitName,
  insertEnterprise,
  selectCatalogue,
  selectEnterpriseCatalogueLinks,
  selectSupervisors,
  updateEnterpriseVersioned,
} from './enterprises.repository.ts';
import { type ImportDraft, readRegistryGrid, readRegistryRow } from './import-parse.ts';

interface PlannedRow {
  draft: ImportDraft;
  existing: EnterpriseRow | undefined;
  values: EnterpriseValues;
  catalogueIds: number[];
  supervisors: { departmentId: number; role: 'industry' | 'territorial' | 'comprehensive' }[];
  action: 'create' | 'update' | 'same';
  industryNames: string[];
  tagNames: string[];
}

export interface ImportPlan {
  fileName: string;
  orgUnit: string;
  rows: PlannedRow[];
  problems: ImportProblem[];
}

/**
 * Reads a registry sheet and plans what importing it would do, writing nothing: every row is either a planned
 * create/update/same or a problem naming the row. Rows sharing a credit code are all reported (none is imported):
 * the office decides which one is right.
 */
export async function planEnterpriseImport(
  db: Db,
  orgUnitId: number,
  bytes: Uint8Array,
  fileName: string,
  today: string = todayInShanghai(),
): Promise<ImportPlan> {
  let grid: Awaited<ReturnType<typeof readRegistryGrid>>;
  try {
    grid = await readRegistryGrid(bytes);
  } catch (error) {
    if (error instanceof TaskListFileError) throw new AppError('unreadable_file', error.message);
    throw error;
  }
  const catalogue = await selectCatalogue(db);
  const registry = await loadDepartmentRegistry(db, orgUnitId);
  const lookup = (name: string) => {
    const m = registry.match(name);
    if (m.status === 'matched' && m.department.kind !== 'group')
      return { id: m.department.id, name: m.department.name };
    return { unknown: name, suggestions: m.status === 'unknown' ? m.suggestions : [] };
  };
  const problems: ImportProblem[] = [];
  const drafts: ImportDraft[] = [];
  for (const r of grid.rows) {
    const result = readRegistryRow(r, grid.header, catalogue, lookup);
    for (const message of result.problems) problems.push({ row: r.row, message });
    if (result.draft) drafts.push(result.draft);
  }
  // Duplicate codes inside the file: every row of the code is reported.
  const rowsByCode = new Map<string, number[]>();
  for (const d of drafts) rowsByCode.set(d.creditCode, [...(rowsByCode.get(d.creditCode) ?? []), d.row]);
  const unique = drafts.filter((d) => {
    const rows = rowsByCode.get(d.creditCode) ?? [];
    if (rows.length < 2) return true;
    problems.push({
      row: d.row,
      message: `统一社会信用代码 ${d.creditCode} 在第 ${rows.join('、')} 行重复出现，请核对后只保留一行`,
    });
    return false;
  });
  problems.sort((a, b) => a.row - b.row);

  const existing = new Map(
    (
      await findEnterprisesByCodes(
        db,
        orgUnitId,
        unique.map((d) => d.creditCode),
      )
    ).map((e) => [e.credit_code, e]),
  );
  const existingIds = [...existing.values()].map((e) => e.id);
  const [links, sups] = await Promise.all([
    selectEnterpriseCatalogueLinks(db, existingIds),
    selectSupervisors(db, existingIds),
  ]);
  const catalogueId = new Map(catalogue.map((c) => [c.code, c.id]));
  const catalogueName = new Map(catalogue.map((c) => [c.code, c.name]));
  const rows = unique.map((d): PlannedRow => {
    const e = existing.get(d.creditCode);
    const before = e ? valuesOf(e) : undefined;
    const values: EnterpriseValues = {
      name: d.name,
      credit_code: d.creditCode,
      address: d.address ?? before?.address ?? '',
      locality: d.locality ?? before?.locality ?? '',
      high_risk: d.highRisk === undefined ? (before?.high_risk ?? 0) : d.highRisk ? 1 : 0,
      standardization_level:
        d.standardizationLevel === undefined ? (before?.standardization_level ?? null) : d.standardizationLevel,
      risk_class: d.riskClass === undefined ? (before?.risk_class ?? null) : d.riskClass,
      employees: d.employees === undefined ? (before?.employees ?? null) : d.employees,
      principal_name: d.principalName ?? before?.principal_name ?? '',
      principal_phone: d.principalPhone ?? before?.principal_phone ?? '',
      controller_name: d.controllerName ?? before?.controller_name ?? '',
      controller_phone: d.controllerPhone ?? before?.controller_phone ?? '',
      safety_manager_name: d.safetyName ?? before?.safety_manager_name ?? '',
      safety_manager_phone: d.safetyPhone ?? before?.safety_manager_phone ?? '',
      status: d.status ?? before?.status ?? 'operating',
      opened_on: d.openedOn === undefined ? (before?.opened_on ?? null) : d.openedOn,
      suspended_on: before?.suspended_on ?? null,
      closed_on: before?.closed_on ?? null,
      note: d.note ?? before?.note ?? '',
    };
    if (values.status !== (before?.status ?? 'operating')) {
      if (values.status === 'closed') values.closed_on = values.closed_on ?? today;
      if (values.status === 'suspended') values.suspended_on = values.suspended_on ?? today;
      if (values.status === 'operating') {
        values.closed_on = null;
        values.suspended_on = null;
      }
    } else if (!e) {
      if (values.status === 'closed') values.closed_on = today;
      if (values.status === 'suspended') values.suspended_on = today;
    }
    const oldLinks = e ? links.filter((l) => l.enterprise_id === e.id) : [];
    const tagCodes = d.tags.length > 0 ? d.tags : oldLinks.filter((l) => l.kind === 'tag').map((l) => l.code);
    const codes = [...d.industries, ...tagCodes];
    const oldSups = e ? sups.filter((s) => s.enterprise_id === e.id) : [];
    const supervisors =
      d.supervisors?.map((s) => ({ departmentId: s.departmentId, role: s.role })) ??
      oldSups.map((s) => ({ departmentId: s.department_id, role: s.role }));
    let action: PlannedRow['action'] = 'create';
    if (e && before) {
      const same =
        JSON.stringify(before) === JSON.stringify(values) &&
        sameSet(
          oldLinks.map((l) => l.code),
          codes,
        ) &&
        sameSet(
          oldSups.map((s) => `${s.department_id}:${s.role}`),
          supervisors.map((s) => `${s.departmentId}:${s.role}`),
        );
      action = same ? 'same' : 'update';
    }
    return {
      draft: d,
      existing: e,
      values,
      catalogueIds: codes.map((c) => catalogueId.get(c) as number),
      supervisors,
      action,
      industryNames: d.industries.map((c) => catalogueName.get(c) ?? c),
      tagNames: d.tags.map((c) => catalogueName.get(c) ?? c),
    };
  });
  return { fileName, orgUnit: await findOrgUnitName(db, orgUnitId), rows, problems };
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return JSON.stringify(x) === JSON.stringify(y);
}

function valuesOf(e: EnterpriseRow): EnterpriseValues {
  return {
    name: e.name,
    credit_code: e.credit_code,
    address: e.address,
    locality: e.locality,
    high_risk: e.high_risk,
    standardization_level: e.standardization_level,
    risk_class: e.risk_class,
    employees: e.employees,
    principal_name: e.principal_name,
    principal_phone: e.principal_phone,
    controller_name: e.controller_name,
    controller_phone: e.controller_phone,
    safety_manager_name: e.safety_manager_name,
    safety_manager_phone: e.safety_manager_phone,
    status: e.status,
    opened_on: e.opened_on,
    suspended_on: e.suspended_on,
    closed_on: e.closed_on,
    note: e.note,
  };
}

/** The plan as the API and the CLI show it. */
export function presentImportPlan(
  plan: ImportPlan,
  dryRun: boolean,
  counts?: { created: number; updated: number; unchanged: number },
): ImportEnterprisesResponse {
  const enterprises: ImportedEnterprise[] = plan.rows.map((r) => ({
    row: r.draft.row,
    name: r.values.name,
    creditCode: r.values.credit_code,
    industries: r.industryNames,
    tags: r.tagNames,
    orgUnit: plan.orgUnit,
    locality: r.values.locality,
    status: r.values.status,
    supervisors: (r.draft.supervisors ?? []).map((s) => ({ department: s.department, role: s.role })),
    action: r.action,
  }));
  const by = (a: PlannedRow['action']) => plan.rows.filter((r) => r.action === a).length;
  return {
    dryRun,
    fileName: plan.fileName,
    enterprises,
    problems: plan.problems,
    created: counts?.created ?? by('create'),
    updated: counts?.updated ?? by('update'),
    unchanged: counts?.unchanged ?? by('same'),
  };
}

/**
 * Imports the planned rows in ONE transaction (each create/update versioned and audited, plus one summary audit
 * event); rows with problems are not imported and stay reported. A row changed meanwhile aborts the whole import
 * with 409 so nothing half-lands.
 */
export async function commitEnterpriseImport(
  db: Db,
  scope: EnterpriseActingScope,
  plan: ImportPlan,
  options: { demo?: boolean } = {},
  now: Date = new Date(),
): Promise<{ created: number; updated: number; unchanged: number }> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    for (const r of plan.rows) {
      if (r.action === 'same') continue;
      if (r.action === 'create' || !r.existing) {
        const row = await insertEnterprise(trx, scope.orgUnitId, r.values, at, options.demo ?? false);
        const view = await writeRelatedAndVersion(trx, row, r, 'imported', scope.actor, at);
        await appendAudit(
          trx,
          {
            orgUnitId: scope.orgUnitId,
            actor: scope.actor,
            action: 'enterprise.import_create',
            entity: 'enterprise',
            entityId: row.id,
            after: view,
          },
          now,
        );
        created++;
      } else {
        const row = await updateEnterpriseVersioned(trx, r.existing.id, r.existing.version, r.values, at);
        if (!row) {
          throw new AppError('conflict', `第 ${r.draft.row} 行的企业在导入期间被修改，请重新预览后导入`, {
            row: r.draft.row,
          });
        }
        const view = await writeRelatedAndVersion(trx, row, r, 'imported', scope.actor, at);
        await appendAudit(
          trx,
          {
            orgUnitId: scope.orgUnitId,
            actor: scope.actor,
            action: 'enterprise.import_update',
            entity: 'enterprise',
            entityId: row.id,
            before: { version: r.existing.version },
            after: view,
          },
          now,
        );
        updated++;
      }
    }
    const unchanged = plan.rows.filter((r) => r.action === 'same').length;
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'enterprise.import',
        entity: 'enterprise_import',
        entityId: null,
        after: { fileName: plan.fileName, created, updated, unchanged, problems: plan.problems.length },
      },
      now,
    );
    return { created, updated, unchanged };
  });
}
