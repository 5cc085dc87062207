import type { Db } from '../db/database.ts';
import { findCampaign, findOrgUnitByCode } from '../modules/orgunits/orgunits.repository.ts';
import { DEFAULT_CAMPAIGN, type DefaultScope } from '../modules/orgunits/orgunits.service.ts';
import { CliError } from './cli-output.ts';

/** The unit a command acts on (`--unit <code>`, as `duban units list` shows it), or the default zone; with its campaign. */
export async function cliUnitScope(db: Db, fallback: DefaultScope, code: string | undefined): Promise<DefaultScope> {
  if (!code) return fallback;
  const unit = await findOrgUnitByCode(db, code);
  if (!unit) throw new CliError(`单位“${code}”不存在（见 duban units list）`);
  const campaign = await findCampaign(db, unit.id, DEFAULT_CAMPAIGN.code);
  if (!campaign) throw new CliError(`单位“${code}”尚未建立专项行动`);
  return { orgUnitId: unit.id, orgUnitName: unit.name, campaignId: campaign.id };
}
