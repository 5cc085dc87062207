import { useEffect, useState } from 'react';
import type { OccurrenceDetailResponse } from '../api/contracts.ts';
import { fetchOccurrence } from '../api/progress.ts';

const cache = new Map<number, Promise<OccurrenceDetailResponse | null>>();

function lookup(id: number): Promise<OccurrenceDetailResponse | null> {
  let hit = cache.get(id);
  if (!hit) {
    hit = fetchOccurrence(id).catch(() => null);
    cache.set(id, hit);
  }
  return hit;
}

/**
 * The occurrences that records (督办, 延期) point at, fetched once each (the record lists carry only ids).
 * Task and department names do not change, so the cache lives as long as the page.
 */
export function useOccurrenceLookup(ids: readonly number[]): Map<number, OccurrenceDetailResponse> {
  const [found, setFound] = useState<Map<number, OccurrenceDetailResponse>>(new Map());
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const unique = key ? key.split(',').map(Number) : [];
    (async () => {
      // A few at a time: a long list must not open a hundred requests at once.
      for (let i = 0; i < unique.length; i += 6) {
        const batch = await Promise.all(unique.slice(i, i + 6).map(lookup));
        if (!live) return;
        setFound((prev) => {
          const next = new Map(prev);
          for (const o of batch) if (o) next.set(o.id, o);
          return next;
        });
      }
    })();
    return () => {
      live = false;
    };
  }, [key]);
  return found;
}
