import {
  ENTERPRISE_NAME_SUGGESTIONS,
  type PublicHazard,
  type PublicHazardsResponse,
} from '@duban/shared/contracts/public-portal';
import type { Db } from '../../db/database.ts';
import { buildSupervisionList, searchEnterpriseNames } from '../enterprises/enterprises.service.ts';
import { listPublicListedHazards } from '../hazards/hazards.service.ts';
import { listPublishedDrawResults, listPublishedPenalties } from '../inspections/inspections.service.ts';
import type { SupervisionEntry } from './portal-html.ts';

/**
 * What the portal publishes from other modules, read through their service functions only:
 * - the supervision list (安全生产监管责任清单): modules/enterprises;
 * - listed major hazards (挂牌督办, 销号): modules/hazards;
 * - penalty decisions (第78条) and 双随机 draw results: modules/inspections.
 * Free text that reaches the public is stripped of anything that looks like a phone number.
 */
const PHONE = /(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}[-\s]?\d{7,8}|\b\d{7,8}\b/g;
export const maskPhones = (text: string): string => text.replace(PHONE, '***');

const LEVELS: Record<string, string> = { province: '省级', city: '市级', county: '县级', zone: '开发区' };

export async function listPublicHazards(db: Db, orgUnitId: number): Promise<PublicHazardsResponse> {
  const rows = await listPublicListedHazards(db, orgUnitId);
  const hazards: PublicHazard[] = rows.map((h) => ({
    enterpriseName: h.enterprise_name,
    title: maskPhones(h.description.length > 120 ? `${h.description.slice(0, 120)}…` : h.description),
    level: h.level === 'major' ? '重大事故隐患' : '一般事故隐患',
    listedBy: `${LEVELS[h.listing_level] ?? ''}挂牌 ${h.listing_unit}${h.notice_no ? `（${h.notice_no}）` : ''}`,
    listedOn: h.listed_on,
    deadline: h.time_limit,
    status: h.status === 'closed' ? 'closed' : 'listed',
    closedOn: h.closed_on,
  }));
  return { hazards, available: true };
}

/** How many enterprises of the supervision list the portal shows at once (a province holds 100,000). */
export const SUPERVISION_PAGE_SIZE = 200;

/**
 * A page of the supervision list (name, credit code or 属地 matching `q`, in the list's order): the page's
 * enterprises and their links only, never the whole list (6–7 s at 100,000 enterprises).
 */
export async function listSupervisionEntries(
  db: Db,
  orgUnitId: number,
  page: { q?: string; limit?: number; offset?: number } = {},
): Promise<SupervisionEntry[]> {
  const list = await buildSupervisionList(db, orgUnitId, {
    q: page.q,
    limit: Math.min(page.limit ?? SUPERVISION_PAGE_SIZE, SUPERVISION_PAGE_SIZE),
    offset: Math.max(0, page.offset ?? 0),
  });
  return list.rows.map((r) => ({
    enterpriseName: r.name,
    industry: r.industries.join('、'),
    supervisors: [
      r.industrySupervisors.length ? `行业：${r.industrySupervisors.join('、')}` : '',
      r.territorialSupervisors.length ? `属地：${r.territorialSupervisors.join('、')}` : '',
      r.comprehensiveSupervisors.length ? `综合：${r.comprehensiveSupervisors.join('、')}` : '',
    ]
      .filter(Boolean)
      .join('；'),
  }));
}

export interface PenaltyEntry {
  enterpriseName: string;
  kind: string;
  amount: string;
  basis: string;
  decisionNo: string;
  decidedOn: string;
  publishedOn: string;
}

export async function listPenaltyEntries(db: Db, orgUnitId: number): Promise<PenaltyEntry[]> {
  return (await listPublishedPenalties(db, orgUnitId)).slice(0, 200).map((p) => ({
    enterpriseName: p.enterpriseName,
    kind: p.kindLabel,
    amount: p.amountYuan === null ? '' : `${p.amountYuan.toLocaleString('zh-CN')} 元`,
    basis: maskPhones(p.legalBasis),
    decisionNo: p.decisionNo ?? '',
    decidedOn: p.decidedOn,
    publishedOn: p.publishedOn,
  }));
}

export interface DrawEntry {
  title: string;
  publishedOn: string;
  seed: string;
  poolsHash: string;
  selected: { enterpriseName: string; inspectors: string }[];
}

export async function listDrawEntries(db: Db, orgUnitId: number): Promise<DrawEntry[]> {
  return (await listPublishedDrawResults(db, orgUnitId)).slice(0, 50).map((d) => ({
    title: d.title,
    publishedOn: d.publishedAt.slice(0, 10),
    seed: d.seed,
    poolsHash: d.poolsHash,
    selected: d.selected.map((s) => ({ enterpriseName: s.enterpriseName, inspectors: s.inspectors.join('、') })),
  }));
}

/** The report form's enterprise suggestions: registry names only (no code, address, id or people), at most 10. */
export async function enterpriseNameSuggestions(db: Db, orgUnitId: number, q: string): Promise<string[]> {
  return searchEnterpriseNames(db, orgUnitId, q.trim(), ENTERPRISE_NAME_SUGGESTIONS);
}
