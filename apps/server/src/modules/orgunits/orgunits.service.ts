import type { Db } from '../../db/database.ts';
import { findCampaign, findOrgUnitByCode, insertCampaign, insertOrgUnit } from './orgunits.repository.ts';

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

/** Creates the default unit tree and campaign when missing; returns the zone and campaign. */
export async function ensureDefaultScope(trx: Db, now: string): Promise<DefaultScope> {
  let parentId: number | null = null;
  let zone = { id: 0, name: '' };
  for (const unit of DEFAULT_UNITS) {
    const found = await findOrgUnitByCode(trx, unit.code);
    const id: number = found?.id ?? (await insertOrgUnit(trx, { parentId, ...unit, now }));
    zone = { id, name: unit.name };
    parentId = id;
  }
  const campaign =
    (await findCampaign(trx, zone.id, DEFAULT_CAMPAIGN.code))?.id ??
    (await insertCampaign(trx, { orgUnitId: zone.id, ...DEFAULT_CAMPAIGN, now }));
  return { orgUnitId: zone.id, orgUnitName: zone.name, campaignId: campaign };
}
