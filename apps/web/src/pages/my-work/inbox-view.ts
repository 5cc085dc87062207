import type { InboxResponse, OccurrenceStatus } from '../../api/contracts.ts';

/** Status filter order: what needs doing first. */
export const INBOX_STATUSES: readonly OccurrenceStatus[] = [
  'overdue',
  'returned',
  'due-soon',
  'pending',
  'submitted',
  'done-late',
  'accepted',
];

/** The pages loaded so far ("load more" appends one) as one answer: the first page's figures, every item. */
export function mergeInboxPages(pages: readonly InboxResponse[]): InboxResponse | undefined {
  const first = pages[0];
  if (!first) return undefined;
  const items = pages.flatMap((p) => p.items);
  return { ...first, items, limit: items.length };
}

/** The offset of the next page, or undefined when every item of the latest answer's total is loaded. */
export function nextInboxOffset(pages: readonly InboxResponse[]): number | undefined {
  const last = pages[pages.length - 1];
  if (!last) return 0;
  const loaded = pages.reduce((n, p) => n + p.items.length, 0);
  // A page that brought nothing new ends the list even if the total moved meanwhile (no endless "more").
  return loaded < last.total && last.items.length > 0 ? loaded : undefined;
}
