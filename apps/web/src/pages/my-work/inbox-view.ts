import type { InboxResponse, OccurrenceStatus } from '../../api/contracts.ts';
import type { InboxQuery } from '../../api/progress.ts';
import { fetchInbox } from '../../api/progress.ts';

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

/** The first `pages` pages of an inbox query, as one answer ("load more" keeps what is shown). */
export async function fetchInboxPages(
  q: Omit<InboxQuery, 'limit' | 'offset'>,
  pageSize: number,
  pages: number,
  signal?: AbortSignal,
): Promise<InboxResponse> {
  const answers = await Promise.all(
    Array.from({ length: pages }, (_, i) => fetchInbox({ ...q, limit: pageSize, offset: i * pageSize }, signal)),
  );
  const first = answers[0];
  if (!first) throw new Error('no page');
  return { ...first, items: answers.flatMap((a) => a.items), limit: pageSize * pages };
}
