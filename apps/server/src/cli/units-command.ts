import { parseArgs } from 'node:util';
import { prepareDatabase } from '../bootstrap.ts';
import { addOrgUnit, levelName } from '../modules/orgunits/add-org-unit.ts';
import { listOrgUnits } from '../modules/orgunits/orgunits.repository.ts';
import { CliError, printJson } from './cli-output.ts';

export const UNITS_USAGE = `用法:
  duban units add --parent <上级代码> --code <代码> --name <名称> --level city|county|zone
                  新增单位（市、县区或开发区）及其专项行动；之后用 users add --unit <代码> 建账号
  duban units list [--json]                       全部单位（代码、级别、名称、上级、专项行动）`;

const LEVELS = ['city', 'county', 'zone'] as const;

export async function unitsCommand(argv: string[], databaseUrl: string): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      parent: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      level: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (sub !== 'add' && sub !== 'list') throw new CliError(UNITS_USAGE, 2);
  if (sub === 'add') {
    const level = LEVELS.find((l) => l === values.level);
    if (!values.parent || !values.code || !values.name || !level) throw new CliError(`参数不全\n${UNITS_USAGE}`, 2);
  }
  const prepared = await prepareDatabase(databaseUrl);
  const { db } = prepared.handle;
  try {
    if (sub === 'list') {
      const units = await listOrgUnits(db);
      const codeOf = new Map(units.map((u) => [u.id, u.code]));
      const rows = units.map((u) => ({
        code: u.code,
        level: u.level,
        name: u.name,
        parent: u.parent_id === null ? null : (codeOf.get(u.parent_id) ?? null),
        campaignId: u.campaign_id,
      }));
      if (values.json) printJson({ units: rows });
      else for (const u of rows) console.log(`${u.code}\t${levelName(u.level)}\t${u.name}\t${u.parent ?? '—'}`);
      return 0;
    }
    const level = LEVELS.find((l) => l === values.level) ?? 'zone';
    const unit = await addOrgUnit(db, 'cli', {
      parentCode: values.parent ?? '',
      code: values.code ?? '',
      name: values.name ?? '',
      level,
    });
    console.log(`已新增单位 ${values.code} ${values.name}（id ${unit.id}，专项行动 ${unit.campaignId}）`);
    return 0;
  } finally {
    await prepared.handle.close();
  }
}
