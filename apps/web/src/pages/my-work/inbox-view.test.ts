import { describe, expect, it } from 'vitest';
import type { InboxResponse, Occurrence } from '../../api/contracts.ts';
import { mergeInboxPages, nextInboxOffset } from './inbox-view.ts';

const item = (id: number) => ({ id }) as Occurrence;
const page = (ids: number[], total: number, offset: number): InboxResponse => ({
  items: ids.map(item),
  total,
  limit: 2,
  offset,
  today: '2024-06-01',
});

describe('inbox pages', () => {
  it('merges the loaded pages in order under the first page’s figures', () => {
    const merged = mergeInboxPages([page([1, 2], 5, 0), page([3, 4], 5, 2)]);
    expect(merged?.items.map((o) => o.id)).toEqual([1, 2, 3, 4]);
    expect(merged).toMatchObject({ total: 5, offset: 0, limit: 4, today: '2024-06-01' });
    expect(mergeInboxPages([])).toBeUndefined();
  });

  it('asks for the next offset until the total is loaded', () => {
    expect(nextInboxOffset([])).toBe(0);
    expect(nextInboxOffset([page([1, 2], 5, 0)])).toBe(2);
    expect(nextInboxOffset([page([1, 2], 5, 0), page([3, 4], 5, 2)])).toBe(4);
    expect(nextInboxOffset([page([1, 2], 5, 0), page([3, 4], 5, 2), page([5], 5, 4)])).toBeUndefined();
  });

  it('stops when a page brings nothing even if the total grew meanwhile', () => {
    expect(nextInboxOffset([page([1, 2], 2, 0)])).toBeUndefined();
    expect(nextInboxOffset([page([1, 2], 3, 0), page([], 3, 2)])).toBeUndefined();
  });
});
