import type { DrawVerifyResponse } from '@duban/shared/contracts/inspections';
import { type DrawPools, type DrawResult, hashPools, runDraw, sameResult } from '@duban/shared/inspections/draw';
import type { Db } from '../../db/database.ts';
import { nativeSha256 } from './create-draw.ts';
import { drawNotFound } from './inspections.policy.ts';
import { findDraw } from './inspections.repository.ts';

/**
 * Re-runs a stored draw from its seed and its stored pools: `reproduced` when the pools still hash to the recorded
 * hash and the re-run gives the recorded teams. The stored result is never trusted: it is what is checked.
 * `orgUnitId` null: any unit (the command line on the server).
 */
export async function verifyDraw(db: Db, orgUnitId: number | null, id: number): Promise<DrawVerifyResponse> {
  const row = await findDraw(db, orgUnitId, id);
  if (!row) throw drawNotFound();
  return verifyStoredDraw(row);
}

export function verifyStoredDraw(row: {
  id: number;
  seed: string;
  pools_hash: string;
  pools: string;
  result: string;
}): DrawVerifyResponse {
  const problems: string[] = [];
  const pools = JSON.parse(row.pools) as DrawPools;
  const stored = JSON.parse(row.result) as DrawResult;
  const recomputedHash = hashPools(pools, nativeSha256);
  if (recomputedHash !== row.pools_hash) problems.push('抽查库内容与记录的哈希不一致 (pools hash differs)');
  let rerun: DrawResult | null = null;
  try {
    rerun = runDraw(row.seed, pools);
  } catch (error) {
    problems.push(`重新抽取失败：${(error as Error).message}`);
  }
  if (rerun && !sameResult(rerun.selected, stored.selected))
    problems.push('重新抽取的结果与记录不一致 (result differs)');
  return {
    drawId: row.id,
    seed: row.seed,
    poolsHash: row.pools_hash,
    recomputedHash,
    reproduced: problems.length === 0,
    selected: rerun?.selected ?? [],
    problems,
  };
}
