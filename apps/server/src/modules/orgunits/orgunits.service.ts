import { AppError } from '../../core/app-error.ts';
import type { Principal } from '../../core/principal.ts';
import { type OrgUnitNode, readsSubtree, UNIT_QUERY } from '../../core/unit-scope.ts';
import type { Db } from '../../db/database.ts';
import {
  findCampaign,
  findOrgUnitByCode,
  insertCampaign,
  insertOrgUnit,
  type OrgUnitTreeRow,
  selectUnitTree,
} from './orgunits.repository.ts';

/** The default install serves one zone; every record belongs to a unit so zones can later be rolled up. */
export const DEFAULT_UNITS = [
  { code: '14', name: '山西省', level: 'province' },
  { code: '1409', name: '忻州市', level: 'city' },
  { code: '1409-xzjkq', name: '忻州经济开发区', level: 'zone' },
] as const;

export const DEFAULT_CAMPAIGN = {
  code: 'zbgj-2024-2026',
  name: '安全生产治本攻坚三年行动',
  startYear: 2024,
  endYear: 2026,
} as const;

export interface DefaultScope {
  orgUnitId: number;
  orgUnitName: string;
  campaignId: number;
}

/** Creates the default unit tree and each unit's campaign when missing; returns the zone and its campaign. */
export async function ensureDefaultScope(trx: Db, now: string): Promise<DefaultScope> {
  let parentId: number | null = null;
  const units: { id: number; name: string }[] = [];
  for (const unit of DEFAULT_UNITS) {
    const found = await findOrgUnitByCode(trx, unit.code);
    const id: number = found?.id ?? (await insertOrgUnit(trx, { parentId, ...unit, now }));
    units.push({ id, name: unit.name });
    parentId = id;
  }
  // The zone's campaign first (the demo's), then the city's and the province's, so they can import their own lists.
  const zone = units[units.length - 1] as { id: number; name: string };
  const campaign = await ensureCampaign(trx, zone.id, now);
  for (const upper of units.slice(0, -1)) await ensureCampaign(trx, upper.id, now);
  return { orgUnitId: zone.id, orgUnitName: zone.name, campaignId: campaign };
}

async function ensureCampaign(trx: Db, orgUnitId: number, now: string): Promise<number> {
  return (
    (await findCampaign(trx, orgUnitId, DEFAULT_CAMPAIGN.code))?.id ??
    (await insertCampaign(trx, { orgUnitId, ...DEFAULT_CAMPAIGN, now }))
  );
}

/** Tree rows → nodes in display order: each unit followed by its children (by code), starting at the root. */
export function orderUnitTree(rows: OrgUnitTreeRow[], rootId: number): OrgUnitNode[] {
  const children = new Map<number | null, OrgUnitTreeRow[]>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: OrgUnitNode[] = [];
  const visit = (r: OrgUnitTreeRow) => {
    out.push({
      id: r.id,
      parentId: r.parent_id,
      code: r.code,
      name: r.name,
      level: r.level,
      campaignId: r.campaign_id,
    });
    for (const c of (children.get(r.id) ?? []).sort((a, b) => a.code.localeCompare(b.code))) visit(c);
  };
  const root = rows.find((r) => r.id === rootId);
  if (root) visit(root);
  return out;
}

/**
 * The principal with its org units (core/unit-scope.ts): its own unit and, for office and leader accounts, the
 * subtree below it. Called when a session or API token is resolved, so every request knows what it may read.
 */
export async function withUnitTree(db: Db, p: Principal): Promise<Principal> {
  const home = p.homeUnitId ?? p.orgUnitId;
  const rows = await selectUnitTree(db, home, readsSubtree(p.role));
  return { ...p, orgUnitId: home, homeUnitId: home, units: orderUnitTree(rows, home), readOnly: false };
}

/** The unit a public request (no session) serves. */
export interface PublicUnit {
  orgUnitId: number;
  orgUnitName: string;
}

/**
 * Public routes (portal, public lists, whistle intake) serve the deployment's default zone, or the unit named by
 * `?unit=<code>`; an unknown code is 404 (the same answer for every unknown code).
 */
export async function resolvePublicUnit(db: Db, fallback: DefaultScope, code: string | undefined): Promise<PublicUnit> {
  const wanted = code?.trim();
  if (!wanted) return { orgUnitId: fallback.orgUnitId, orgUnitName: fallback.orgUnitName };
  const unit = await findOrgUnitByCode(db, wanted);
  if (!unit) throw new AppError('not_found', '没有这个单位 (no such org unit)');
  return { orgUnitId: unit.id, orgUnitName: unit.name };
}

/** The `unit` query parameter of a request URL (read from the URL: a route's query schema drops unknown keys). */
export function publicUnitCode(url: string): string | undefined {
  return new URL(url, 'http://localhost').searchParams.get(UNIT_QUERY) ?? undefined;
}
