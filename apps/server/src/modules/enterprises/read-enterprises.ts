import type {
  CatalogueResponse,
  EnterpriseResponse,
  EnterpriseVersionsResponse,
  ListEnterprisesQuery,
  ListEnterprisesResponse,
} from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import { actorDisplayName } from '../users/users.service.ts';
import { type EnterpriseScope, enterpriseNotFound } from './enterprises.policy.ts';
import { presentEnterprise, presentEnterpriseList } from './enterprises.present.ts';
import {
  findEnterpriseInScope,
  listEnterprisesInScope,
  selectCatalogue,
  selectEnterpriseVersions,
} from './enterprises.repository.ts';

export async function listEnterprises(
  db: Db,
  scope: EnterpriseScope,
  query: ListEnterprisesQuery,
): Promise<ListEnterprisesResponse> {
  const { total, rows } = await listEnterprisesInScope(db, scope, {
    q: query.q,
    industry: query.industry,
    tag: query.tag,
    status: query.status,
    departmentId: query.departmentId,
    highRisk: query.highRisk === undefined ? undefined : query.highRisk === '1',
    limit: query.limit,
    offset: query.offset,
  });
  return { total, enterprises: await presentEnterpriseList(db, rows) };
}

export async function getEnterprise(db: Db, scope: EnterpriseScope, id: number): Promise<EnterpriseResponse> {
  const row = await findEnterpriseInScope(db, scope, id);
  if (!row) throw enterpriseNotFound();
  return presentEnterprise(db, row);
}

/** Every version of the record, newest first (each a full snapshot as it was then). */
export async function getEnterpriseVersions(
  db: Db,
  scope: EnterpriseScope,
  id: number,
): Promise<EnterpriseVersionsResponse> {
  const row = await findEnterpriseInScope(db, scope, id);
  if (!row) throw enterpriseNotFound();
  const versions = await selectEnterpriseVersions(db, id);
  return {
    versions: await Promise.all(
      versions.map(async (v) => ({
        version: v.version,
        change: v.change,
        // The person's name, not the stored actor ('user:1').
        actor: await actorDisplayName(db, v.actor),
        changedAt: v.changed_at,
        snapshot: JSON.parse(v.snapshot) as Record<string, unknown>,
      })),
    ),
  };
}

export async function getCatalogue(db: Db): Promise<CatalogueResponse> {
  const rows = await selectCatalogue(db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      groupName: r.group_name,
      active: r.active === 1,
    })),
  };
}
