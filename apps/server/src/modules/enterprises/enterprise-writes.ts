import type { EnterpriseInput } from '@duban/shared/contracts/enterprises';
import { checkCreditCode } from '@duban/shared/credit-code';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { countEnterpriseHazardIndustries } from '../hazards/hazards.service.ts';
import { presentEnterprise } from './enterprises.present.ts';
import {
  type CatalogueRow,
  type EnterpriseRow,
  type EnterpriseValues,
  insertEnterpriseVersion,
  replaceCatalogueLinks,
  replaceSupervisors,
  selectCatalogue,
} from './enterprises.repository.ts';

/** The credit code normalised, or a 400 invalid_credit_code naming the position (and the expected check character). */
export function requireValidCreditCode(raw: string): string {
  const check = checkCreditCode(raw);
  if (!check.valid) {
    throw new AppError('invalid_credit_code', check.message ?? '统一社会信用代码无效', {
      field: 'creditCode',
      code: check.code,
      position: check.position,
      expected: check.expected,
    });
  }
  return check.code;
}

export interface ResolvedInput {
  values: EnterpriseValues;
  catalogueIds: number[];
  supervisors: { departmentId: number; role: 'industry' | 'territorial' | 'comprehensive' }[];
}

const invalid = (message: string, field: string) =>
  new AppError('validation_failed', message, [{ path: field, message }]);

/** Input → column values, catalogue ids and checked supervisors (every department must be the unit's). */
export async function resolveEnterpriseInput(
  db: Db,
  orgUnitId: number,
  input: EnterpriseInput,
  catalogue?: CatalogueRow[],
): Promise<ResolvedInput> {
  const creditCode = requireValidCreditCode(input.creditCode);
  const cat = catalogue ?? (await selectCatalogue(db));
  const byCode = new Map(cat.map((c) => [c.code, c]));
  const ids: number[] = [];
  for (const [field, codes, kind] of [
    ['industries', input.industries, 'industry'],
    ['tags', input.tags, 'tag'],
  ] as const) {
    for (const code of codes) {
      const c = byCode.get(code);
      if (!c || c.kind !== kind) throw invalid(`${field === 'industries' ? '行业' : '标签'}“${code}”不在目录中`, field);
      ids.push(c.id);
    }
  }
  if (input.riskClass !== null) {
    const c = byCode.get(input.riskClass);
    if (c?.kind !== 'risk_class') throw invalid(`风险等级“${input.riskClass}”不在目录中`, 'riskClass');
  }
  for (const s of input.supervisors) {
    if (!(await findUnitDepartment(db, orgUnitId, s.departmentId))) {
      throw invalid(`监管部门 #${s.departmentId} 不存在`, 'supervisors');
    }
  }
  return {
    values: {
      name: input.name,
      credit_code: creditCode,
      address: input.address,
      locality: input.locality,
      high_risk: input.highRisk ? 1 : 0,
      standardization_level: input.standardizationLevel,
      risk_class: input.riskClass,
      employees: input.employees,
      principal_name: input.principal.name,
      principal_phone: input.principal.phone,
      controller_name: input.controller.name,
      controller_phone: input.controller.phone,
      safety_manager_name: input.safetyManager.name,
      safety_manager_phone: input.safetyManager.phone,
      status: 'operating',
      opened_on: input.openedOn,
      suspended_on: null,
      closed_on: null,
      note: input.note,
    },
    catalogueIds: ids,
    supervisors: input.supervisors,
  };
}

/** Links, supervisors and the version snapshot of a row just written (inside the caller's transaction). */
export async function writeRelatedAndVersion(
  trx: Db,
  row: EnterpriseRow,
  related: { catalogueIds: number[]; supervisors: ResolvedInput['supervisors'] } | null,
  change: string,
  actor: string,
  at: string,
) {
  if (related) {
    // The hazards' statistics count per industry: take the enterprise's hazards out of the old industries and
    // into the new ones in this transaction.
    await countEnterpriseHazardIndustries(trx, row.id, -1);
    await replaceCatalogueLinks(trx, row.id, related.catalogueIds);
    await countEnterpriseHazardIndustries(trx, row.id, 1);
    await replaceSupervisors(trx, row.id, related.supervisors);
  }
  const view = await presentEnterprise(trx, row);
  await insertEnterpriseVersion(trx, {
    enterprise_id: row.id,
    version: row.version,
    change,
    snapshot: JSON.stringify(view),
    actor,
    changed_at: at,
  });
  return view;
}

/** A unique-constraint failure on (org_unit_id, credit_code) from either database. */
export function isDuplicateCode(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : '';
  return /enterprises_unit_code_uq|UNIQUE constraint failed: enterprises\.org_unit_id|23505/.test(text);
}

export const duplicateCode = (code: string) =>
  new AppError('conflict', `统一社会信用代码 ${code} 已登记 (credit code already registered)`, { field: 'creditCode' });
