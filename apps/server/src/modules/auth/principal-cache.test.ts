import { describe, expect, it } from 'vitest';
import type { Principal } from '../../core/principal.ts';
import { PrincipalCache } from './principal-cache.ts';

const principal = (userId: number): Principal => ({
  kind: 'session',
  userId,
  username: `u${userId}`,
  role: 'department',
  orgUnitId: 1,
  departmentId: 3,
  isHead: false,
  actor: `user:${userId}`,
});
const session = (userId: number, expiresAt = '2026-12-02T00:00:00.000Z') => ({
  principal: principal(userId),
  csrfToken: 'csrf',
  expiresAt,
});
const NOW = '2026-12-01T10:00:00.000Z';

describe('PrincipalCache', () => {
  it('serves an entry for less than its TTL, then looks it up again', () => {
    let clock = 1_000;
    const cache = new PrincipalCache(5_000, 10, () => clock);
    cache.set('a', 1, session(1), cache.generation());
    clock += 4_999;
    expect(cache.get('a', NOW)?.principal.userId).toBe(1);
    clock += 1;
    expect(cache.get('a', NOW)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('never serves a session past its own expiry', () => {
    const cache = new PrincipalCache(5_000, 10, () => 0);
    cache.set('a', 1, session(1, '2026-12-01T10:00:01.000Z'), cache.generation());
    expect(cache.get('a', NOW)).not.toBeNull();
    expect(cache.get('a', '2026-12-01T10:00:01.000Z')).toBeNull();
  });

  it('forgets one session, or every session of a user', () => {
    const cache = new PrincipalCache(5_000, 10, () => 0);
    cache.set('a', 1, session(1), cache.generation());
    cache.set('b', 1, session(1), cache.generation());
    cache.set('c', 2, session(2), cache.generation());
    cache.forgetSession('a');
    expect(cache.get('a', NOW)).toBeNull();
    expect(cache.get('b', NOW)).not.toBeNull();
    cache.forgetUser(1);
    expect(cache.get('b', NOW)).toBeNull();
    expect(cache.get('c', NOW)?.principal.userId).toBe(2);
  });

  it('does not store an answer looked up before a forget (a logout racing a read)', () => {
    const cache = new PrincipalCache(5_000, 10, () => 0);
    const before = cache.generation();
    cache.forgetSession('a'); // the logout commits while the read is still looking the session up
    cache.set('a', 1, session(1), before);
    expect(cache.get('a', NOW)).toBeNull();
    cache.set('a', 1, session(1), cache.generation());
    expect(cache.get('a', NOW)).not.toBeNull();
  });

  it('keeps at most maxEntries, dropping the oldest stored', () => {
    const cache = new PrincipalCache(5_000, 2, () => 0);
    cache.set('a', 1, session(1), cache.generation());
    cache.set('b', 2, session(2), cache.generation());
    cache.set('c', 3, session(3), cache.generation());
    expect(cache.size).toBe(2);
    expect(cache.get('a', NOW)).toBeNull();
    expect(cache.get('c', NOW)).not.toBeNull();
  });
});
