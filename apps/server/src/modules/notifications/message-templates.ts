import type { NotificationItem } from '@duban/shared/contracts/notifications';

/**
 * Chinese message templates: one item → a message about that step; several → one digest listing them all.
 * The same rendered message feeds the in-app centre, e-mail (subject + text) and the chat robots (markdown).
 */
export interface RenderedMessage {
  /** A step kind, or 'digest'. */
  kind: string;
  /** Also the e-mail subject. */
  title: string;
  /** One line per item. */
  lines: string[];
  /** Plain text: title, the lines, a closing sentence. */
  text: string;
  /** Markdown for DingTalk, WeCom, Feishu. */
  markdown: string;
}

const SEVERITY: Record<NotificationItem['kind'], number> = { interview: 0, notice: 1, urge: 2, reminder: 3 };
const CLOSING = '请登录督办平台查看详情，按时报送工作进展。';

export function stepLabel(item: Pick<NotificationItem, 'kind' | 'daysBefore'>): string {
  switch (item.kind) {
    case 'urge':
      return '催办通知';
    case 'notice':
      return '督办单';
    case 'interview':
      return '约谈提示';
    default:
      if (item.daysBefore === 0) return '今日到期提醒';
      if (item.daysBefore === 1) return '明日到期提醒';
      return `${item.daysBefore ?? '?'}天后到期提醒`;
  }
}

export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function itemDetail(item: NotificationItem): string {
  switch (item.kind) {
    case 'urge':
      return `应于 ${item.due} 完成，已逾期，请尽快报送`;
    case 'notice':
      return `应于 ${item.due} 完成，已逾期，请于 ${item.replyBy ?? '限期内'} 前书面回复`;
    case 'interview':
      return `应于 ${item.due} 完成，逾期时间较长，拟约谈部门负责人`;
    default:
      return `截止 ${item.due}`;
  }
}

export function itemLine(item: NotificationItem): string {
  return `【${stepLabel(item)}】第${item.taskNo}项：${shorten(item.taskText, 60)}（${item.departmentName}，${itemDetail(item)}）`;
}

export function sortItems(items: readonly NotificationItem[]): NotificationItem[] {
  return [...items].sort(
    (a, b) =>
      SEVERITY[a.kind] - SEVERITY[b.kind] ||
      a.due.localeCompare(b.due) ||
      a.taskNo.localeCompare(b.taskNo, 'zh', { numeric: true }) ||
      a.occurrenceId - b.occurrenceId,
  );
}

function countsPhrase(items: readonly NotificationItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = item.kind === 'reminder' ? '到期提醒' : stepLabel(item);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${label}${n}项`).join('、');
}

export function renderMessage(input: readonly NotificationItem[]): RenderedMessage {
  const items = sortItems(input);
  const first = items[0];
  if (!first) throw new Error('renderMessage: no items');
  const lines = items.map(itemLine);
  const title =
    items.length === 1
      ? `【督办】${stepLabel(first)}：第${first.taskNo}项 ${shorten(first.taskText, 24)}`
      : `【督办】待办汇总：共${items.length}项（${countsPhrase(items)}）`;
  const text = `${title}\n\n${lines.join('\n')}\n\n${CLOSING}`;
  const markdown = `### ${escapeMarkdown(title)}\n\n${lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}\n\n> ${CLOSING}`;
  return { kind: items.length === 1 ? first.kind : 'digest', title, lines, text, markdown };
}

/** The office's test message for a channel (设置 → 通知渠道 → 发送测试消息): says which channel it checks. */
export function renderTestMessage(channelName: string, now: Date): RenderedMessage {
  const at = now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const title = '【督办】测试消息';
  const line = `这是督办平台发往通知渠道「${shorten(channelName, 40)}」的测试消息（${at}），收到即表示该渠道配置正确。`;
  const text = `${title}\n\n${line}`;
  const markdown = `### ${escapeMarkdown(title)}\n\n${escapeMarkdown(line)}`;
  return { kind: 'test', title, lines: [line], text, markdown };
}

/**
 * A notice about another subject than a 任务事项 step (e.g. a hazard's 挂牌督办 or time limit): written by the
 * subject's module, queued in the outbox (subject_kind / subject_id) and sent as it is.
 */
export interface SubjectNotice {
  subjectKind: string;
  subjectId: number;
  /** e.g. 'hazard_listed', 'hazard_overdue'. */
  kind: string;
  title: string;
  lines: string[];
  closing: string;
}

export function renderNotice(n: SubjectNotice): RenderedMessage {
  const text = [n.title, '', ...n.lines, ...(n.closing ? ['', n.closing] : [])].join('\n');
  const markdown = `### ${escapeMarkdown(n.title)}\n\n${n.lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}${
    n.closing ? `\n\n> ${escapeMarkdown(n.closing)}` : ''
  }`;
  return { kind: n.kind, title: n.title, lines: n.lines, text, markdown };
}

/** Keeps task text from turning into markdown structure in chat robots. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#>])/g, '\\$1');
}
