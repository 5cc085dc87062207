import { prepareDatabase } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { runHazardReminderScan } from '../modules/hazards/hazard-reminders.ts';
import { closeHazard } from '../modules/hazards/hazard-steps.ts';
import { hazardActingScope } from '../modules/hazards/hazards.policy.ts';
import { findHazardVersion } from '../modules/hazards/hazards.repository.ts';
import { unitHazardStats } from '../modules/hazards/hazards.service.ts';
import { rebuildHazardStats } from '../modules/hazards/rebuild-hazard-stats.ts';
import { CliError, printJson } from './cli-output.ts';
import { principalOfUser } from './cli-principal.ts';

export const HAZARDS_USAGE = `用法:
  duban hazards stats --year <年> [--json]            隐患统计（总数、重大、销号、整改率、来源、等级、2023年底前存量）
  duban hazards close <隐患编号> --user <用户名>        销号（须已有通过的验收，否则拒绝，退出码 1）
  duban hazards scan [--at <时间>] [--json]            整改时限提醒与逾期升级（每步只执行一次）
  duban hazards rebuild-stats [--json]                按隐患记录重新计算统计汇总表（全部单位）`;

export async function hazardsCommand(argv: string[], config: Config): Promise<number> {
  const [sub, ...rest] = argv;
  const json = rest.includes('--json');
  const opt = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (sub !== 'stats' && sub !== 'close' && sub !== 'scan' && sub !== 'rebuild-stats')
    throw new CliError(HAZARDS_USAGE, 2);
  const year = Number(opt('--year'));
  if (sub === 'stats' && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
    throw new CliError(`请用 --year 指定年份\n${HAZARDS_USAGE}`, 2);
  }
  const prepared = await prepareDatabase(config.DATABASE_URL);
  const { db } = prepared.handle;
  const orgUnitId = prepared.scope.orgUnitId;
  try {
    if (sub === 'stats') {
      const s = await unitHazardStats(db, orgUnitId, year);
      if (json) printJson(s);
      else {
        console.log(
          `${year}年排查隐患 ${s.total} 项（重大 ${s.major} 项），已销号 ${s.closed} 项，整改率 ${(s.rectificationRate * 100).toFixed(1)}%；` +
            `2023年底前存量 ${s.stock2023.total} 项，已销号 ${s.stock2023.closed} 项。`,
        );
      }
      return 0;
    }
    if (sub === 'rebuild-stats') {
      const r = await rebuildHazardStats(db, 'cli');
      if (json) printJson(r);
      else console.log(`隐患统计汇总已重建：汇总 ${r.rows} 行，行业汇总 ${r.industryRows} 行。`);
      return 0;
    }
    if (sub === 'scan') {
      const at = opt('--at');
      const now = at ? new Date(at) : new Date();
      if (Number.isNaN(now.getTime())) throw new CliError(`--at 应为时间\n${HAZARDS_USAGE}`, 2);
      const r = await runHazardReminderScan(db, orgUnitId, now);
      if (json) printJson(r);
      else
        console.log(
          `隐患时限扫描（${r.scanDate}）：执行 ${r.sent} 步，已执行过 ${r.alreadyClaimed} 步，通知 ${r.notified} 人次。`,
        );
      return 0;
    }
    const id = Number(rest[0]);
    const username = opt('--user');
    if (!Number.isInteger(id) || id <= 0 || !username) throw new CliError(HAZARDS_USAGE, 2);
    // The account's own policy decides, exactly as for POST /api/hazards/:id/close (403 for a leader or an
    // enterprise account; a department reaches only the hazards of the enterprises it supervises).
    const principal = await principalOfUser(db, orgUnitId, username);
    const scope = await hazardActingScope(db, principal, 'close');
    const version = (await findHazardVersion(db, orgUnitId, id)) ?? 1;
    const h = await closeHazard(db, scope, id, { version, note: '命令行销号' });
    if (json) printJson({ id: h.id, status: h.status, closedOn: h.closedOn });
    else console.log(`隐患 ${h.id} 已销号（${h.closedOn}）。`);
    return 0;
  } finally {
    await prepared.handle.close();
  }
}
