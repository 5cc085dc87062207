import type { OrgUnitTable } from '../db/schema.ts';
import { AppError } from './app-error.ts';
import { OFFICE_ROLES, type Principal } from './principal.ts';

/**
 * Org units as tenants (issue 16). Every account belongs to one org unit (`users.org_unit_id`, the principal's
 * `homeUnitId`); at sign-in resolution the principal also carries `units`: its home unit and, for office and
 * leader accounts, every unit below it (loaded by orgunits.service `loadUnitTree`). Per request the acting unit
 * (`orgUnitId`, what every policy puts in its scope) is the home unit, or — drilling down — a unit of the subtree
 * named by the `X-Duban-Unit` header or the `unit` query parameter (a unit code or id). A drilled-down request is
 * read-only (`readOnly`): any write is refused here, before any policy or use case runs. A unit outside the subtree
 * is 403. So a zone's accounts see only their zone, a city's office and leaders read their zones and write only
 * their own unit's records, and no repository has to remember anything beyond `org_unit_id = scope.orgUnitId`.
 */
export interface OrgUnitNode {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  level: OrgUnitTable['level'];
  /** The unit's campaign (campaigns.org_unit_id; the first one when several), null when it has none yet. */
  campaignId: number | null;
}

export const UNIT_HEADER = 'x-duban-unit';
export const UNIT_QUERY = 'unit';
export const UNIT_COOKIE = 'duban_unit';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Office and leader accounts read their unit's subtree; departments, enterprises and their tokens only their unit. */
export function readsSubtree(role: Principal['role']): boolean {
  return OFFICE_ROLES.includes(role) || role === 'leader';
}

/** The node of a unit the principal may read, or undefined. */
export function unitInScope(p: Principal, unitId: number): OrgUnitNode | undefined {
  return (p.units ?? []).find((u) => u.id === unitId);
}

/** The unit of the principal's tree named by code or numeric id; 403 for any other (no hint whether it exists). */
export function requireUnitInScope(p: Principal, codeOrId: string): OrgUnitNode {
  const node = (p.units ?? []).find((u) => u.code === codeOrId || String(u.id) === codeOrId);
  if (!node) throw new AppError('forbidden', '无权查看该单位的数据 (the unit is outside your org unit)');
  return node;
}

/** Ids of every unit the principal may read (its home unit first). */
export function readableUnitIds(p: Principal): number[] {
  return p.units ? p.units.map((u) => u.id) : [p.orgUnitId];
}

/** The unit this request acts on (home or the drilled-down one). */
export function actingUnit(p: Principal): OrgUnitNode {
  const node = unitInScope(p, p.orgUnitId);
  if (!node) throw new Error(`principal ${p.actor} acts on unit ${p.orgUnitId} outside its tree`);
  return node;
}

/** The acting unit's campaign, or 409 when the unit has none (a unit added without a campaign has no lists yet). */
export function requireCampaignId(p: Principal): number {
  const id = actingUnit(p).campaignId;
  if (id === null)
    throw new AppError('conflict', '本单位尚未建立专项行动，无法执行此操作 (the unit has no campaign yet)');
  return id;
}

/** 403 unless the request acts on the principal's own unit (a drilled-down view is read-only). */
export function requireOwnUnit(p: Principal): void {
  if (p.readOnly) throw readOnlyError();
}

const readOnlyError = () =>
  new AppError('forbidden', '正在查看下级单位的数据，只能查看，不能修改 (a child unit is read-only)');

/**
 * The principal acting on the unit a request names (header or query; code or numeric id): itself when nothing is
 * named or its home unit is named; a read-only copy acting on a unit of its subtree; 403 for any other unit and for
 * a write while drilled down. Never mutates the principal it is given (it may be cached across requests).
 */
export function principalForUnit(p: Principal, requested: string | undefined, method: string): Principal {
  const wanted = requested?.trim();
  if (!wanted) return p;
  const node = requireUnitInScope(p, wanted);
  if (node.id === (p.homeUnitId ?? p.orgUnitId)) return p;
  if (!SAFE_METHODS.has(method.toUpperCase())) throw readOnlyError();
  return { ...p, orgUnitId: node.id, readOnly: true };
}

/**
 * What a request names as its unit: the X-Duban-Unit header, else the `unit` query parameter, else — for reads only —
 * the `duban_unit` cookie the web app sets while a unit is chosen in its switcher (so plain download links follow).
 */
export function requestedUnit(
  headers: Record<string, unknown>,
  query: unknown,
  cookies: Record<string, string | undefined>,
  method: string,
): string | undefined {
  const header = headers[UNIT_HEADER];
  if (typeof header === 'string' && header) return header;
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>)[UNIT_QUERY] : undefined;
  if (typeof q === 'string' && q) return q;
  return SAFE_METHODS.has(method.toUpperCase()) ? cookies[UNIT_COOKIE] || undefined : undefined;
}
