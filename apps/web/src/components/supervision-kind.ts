import type { SupervisionKind } from '../api/contracts.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

export const KIND_LABEL: Record<SupervisionKind, MessageKey> = {
  reminder: 'sup.kind.reminder',
  urge: 'sup.kind.urge',
  notice: 'sup.kind.notice',
  interview: 'sup.kind.interview',
  bulletin: 'sup.kind.bulletin',
};

export const KIND_COLOR: Record<SupervisionKind, string> = {
  reminder: 'blue',
  urge: 'gold',
  notice: 'orange',
  interview: 'volcano',
  bulletin: 'red',
};

const LADDER: readonly SupervisionKind[] = ['reminder', 'urge', 'notice', 'interview', 'bulletin'];

/** The next rung of the escalation ladder after the steps already taken. */
export function nextKind(taken: readonly SupervisionKind[]): SupervisionKind {
  const highest = Math.max(-1, ...taken.map((k) => LADDER.indexOf(k)));
  return LADDER[Math.min(highest + 1, LADDER.length - 1)] ?? 'reminder';
}
