import { todayInShanghai } from '@duban/shared/civil-date';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchInbox, type InboxQuery } from '../../api/progress.ts';
import { queryKeys } from '../../api/query.ts';
import { mergeInboxPages, nextInboxOffset } from './inbox-view.ts';

/**
 * An inbox query page by page (the inbox, the overdue list): `more()` fetches only the next page; a write that
 * changes occurrences (they all name 'occurrences') refetches the pages shown. Statuses are "as of today": the key
 * carries today's date (a page left open over midnight asks again at its next render) and coming back to the tab
 * refetches, so a phone does not keep showing yesterday's 即将到期 as current.
 */
export function useInboxPages(q: Pick<InboxQuery, 'year' | 'status' | 'departmentId'>, pageSize: number) {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.inbox(q.year ?? null, q.status ?? null, q.departmentId ?? null), todayInShanghai()],
    queryFn: ({ pageParam, signal }) => fetchInbox({ ...q, limit: pageSize, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (_last, pages) => nextInboxOffset(pages),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
  const data = useMemo(() => (query.data ? mergeInboxPages(query.data.pages) : undefined), [query.data]);
  return { query, data, more: () => void query.fetchNextPage() };
}
