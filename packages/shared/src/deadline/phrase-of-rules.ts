/**
 * Rules → a plain 完成时限 phrase the reader reads back to the same rules without review. The import wizard
 * pre-fills it for a deadline whose dates were read beside words that might matter, so the office confirms the
 * reading with one click (or edits it) instead of typing a date into an empty cell.
 */
import type { ScheduleRule } from './deadline.types.ts';

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

function ymd(date: string, withYear: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

function count(rule: ScheduleRule): string {
  return rule.minCount > 1 ? `至少${rule.minCount}次` : '';
}

function phraseOfRule(rule: ScheduleRule): string | null {
  const since = rule.startsOn !== undefined ? `${ymd(rule.startsOn, true)}起` : '';
  switch (rule.kind) {
    case 'once': {
      if (rule.due === undefined) return null;
      const defaultStart = `${rule.due.slice(0, 4)}-01-01`;
      const due = `${ymd(rule.due, true)}前`;
      return rule.start !== undefined && rule.start !== defaultStart
        ? `${ymd(rule.start, true)}至${ymd(rule.due, true)}`
        : `${due}${count(rule)}`;
    }
    case 'weekly':
      return `${since}每周${rule.dueDay !== undefined && rule.dueDay !== 7 ? `${WEEKDAYS[rule.dueDay]}前` : ''}${count(rule)}`;
    case 'monthly':
      return `${since}每月${rule.dueDay !== undefined ? `${rule.dueDay}日前` : '底前'}${count(rule)}`;
    case 'quarterly':
      return `${since}每季度${count(rule)}`;
    case 'halfyearly':
      return `${since}每半年${count(rule)}`;
    case 'yearly': {
      const month =
        rule.dueMonth === undefined
          ? '年底前'
          : rule.dueDay !== undefined
            ? `${rule.dueMonth}月${rule.dueDay}日前`
            : `${rule.dueMonth}月底前`;
      return `${since}每年${month}${count(rule)}`;
    }
    case 'ongoing':
      return '长期坚持';
    case 'relative': {
      const unit = { calendarDay: '日', workingDay: '个工作日', month: '个月', year: '年' }[rule.unit ?? 'calendarDay'];
      return rule.event && rule.offset !== undefined ? `${rule.event}${rule.offset}${unit}内` : null;
    }
  }
}

/** The phrase, or null when a rule cannot be written plainly. Conditional rules go into brackets after the rest. */
export function phraseOfRules(rules: readonly ScheduleRule[]): string | null {
  const plain: string[] = [];
  const conditional: string[] = [];
  // One-off dates first: a date after a recurring duty is read as ambiguous (it may end the duty).
  const ordered = [...rules.filter((r) => r.kind === 'once'), ...rules.filter((r) => r.kind !== 'once')];
  for (const rule of ordered) {
    const text = phraseOfRule(rule);
    if (text === null) return null;
    if (rule.condition === null) plain.push(text);
    else conditional.push(`${rule.condition}${text}`);
  }
  if (plain.length === 0) return null;
  return plain.join('，') + (conditional.length > 0 ? `（${conditional.join('，')}）` : '');
}
