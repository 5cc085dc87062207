import { parseArgs } from 'node:util';
import { isCivilDate } from '@duban/shared/civil-date';
import { expandOccurrences } from '@duban/shared/deadline/expand-occurrences';
import { parseDeadline } from '@duban/shared/deadline/parse-deadline';
import { CliError, printJson } from './cli-output.ts';

export const SCHEDULE_USAGE = `用法: duban schedule "<完成时限>" --year 2024 [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
  把一句完成时限解析为规则，并列出时间窗口内到期的任务事项（默认 --year 全年）。`;

/** The `schedule` contract: {text, ongoing, needsReview, occurrences[{start,due,minCount,condition}], relative, unparsed}. */
export function scheduleCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const text = positionals[0];
  if (text === undefined || positionals.length > 1) throw new CliError(`需要一句完成时限文字\n${SCHEDULE_USAGE}`, 2);
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new CliError(`--year 应为四位年份\n${SCHEDULE_USAGE}`, 2);
  }
  const from = values.from ?? `${year}-01-01`;
  const to = values.to ?? `${year}-12-31`;
  for (const [flag, v] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!isCivilDate(v)) throw new CliError(`${flag} 应为 YYYY-MM-DD 格式的有效日期，收到 “${v}”`, 2);
  }
  if (from > to) throw new CliError(`--from (${from}) 晚于 --to (${to})`, 2);

  const parsed = parseDeadline(text, { year });
  const occurrences = expandOccurrences(parsed.rules, { from, to }).map((o) => ({
    start: o.start,
    due: o.due,
    minCount: o.minCount,
    condition: o.condition,
  }));
  const relative = parsed.rules
    .filter((r) => r.kind === 'relative')
    .map((r) => ({
      event: r.event ?? null,
      offset: r.offset ?? null,
      unit: r.unit ?? null,
      condition: r.condition,
      source: r.source,
    }));
  const result = {
    text,
    ongoing: parsed.ongoing,
    needsReview: parsed.needsReview,
    occurrences,
    relative,
    unparsed: parsed.unparsed,
  };
  if (values.json) {
    printJson(result);
    return 0;
  }
  console.log(`完成时限: ${text}`);
  console.log(`长期坚持: ${parsed.ongoing ? '是' : '否'}　需人工确认: ${parsed.needsReview ? '是' : '否'}`);
  for (const o of occurrences) {
    const cond = o.condition ? `（${o.condition}）` : '';
    const count = o.minCount > 1 ? `，至少 ${o.minCount} 次` : '';
    console.log(`  ${o.start} 至 ${o.due}${count}${cond}`);
  }
  for (const r of relative) console.log(`  相对时限: ${r.source}`);
  for (const u of parsed.unparsed) console.log(`  未能识别: ${u}`);
  return 0;
}
