import { createHash, randomBytes } from 'node:crypto';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { CreateFeedRequest, CreateFeedResponse, FeedResponse } from '@duban/shared/contracts/calendar-feeds';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { type FeedScope, feedAccountDepartment, feedNotFound, mayFollowDepartment } from './calendar-feeds.policy.ts';
import {
  type FeedRow,
  findActiveFeedByHash,
  findFeedAccount,
  findFeedInUnit,
  insertFeed,
  listFeedOccurrences,
  listFeeds,
  revokeFeed,
} from './calendar-feeds.repository.ts';
import { feedEvents } from './feed-events.ts';
import { buildCalendar } from './ics-writer.ts';

/** Calendar feeds: create (token shown once, sha256 stored), list, revoke, and render a feed by its token. */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function presentFeed(r: FeedRow): FeedResponse {
  return {
    id: r.id,
    kind: r.kind,
    departmentId: r.department_id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export async function createFeed(
  db: Db,
  p: FeedScope,
  input: CreateFeedRequest,
  now = new Date(),
): Promise<CreateFeedResponse> {
  const { userId } = p;
  let name: string;
  let departmentId: number | null = null;
  if (input.kind === 'department') {
    const id = input.departmentId ?? 0;
    const department = mayFollowDepartment(p, id) ? await findUnitDepartment(db, p.orgUnitId, id) : undefined;
    if (!department) throw new AppError('not_found', '部门不存在 (department not found)');
    departmentId = department.id;
    name = input.name ?? `督办日历 · ${department.name}`;
  } else {
    name = input.name ?? `督办日历 · ${p.username}`;
  }
  const token = randomBytes(32).toString('base64url');
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertFeed(trx, {
      org_unit_id: p.orgUnitId,
      kind: input.kind,
      department_id: departmentId,
      user_id: input.kind === 'user' ? userId : null,
      name,
      token_hash: hashToken(token),
      created_by: userId,
      created_at: now.toISOString(),
      revoked_at: null,
    });
    await appendAudit(
      trx,
      {
        orgUnitId: p.orgUnitId,
        actor: p.actor,
        action: 'calendar_feed.create',
        entity: 'calendar_feed',
        entityId: inserted.id,
        after: presentFeed(inserted),
      },
      now,
    );
    return inserted;
  });
  return { ...presentFeed(row), token, path: `/api/calendar/${token}.ics` };
}

export async function listMyFeeds(db: Db, p: FeedScope): Promise<FeedResponse[]> {
  const rows = await listFeeds(db, p.orgUnitId, p.allFeeds ? null : p.userId);
  return rows.map(presentFeed);
}

/** Idempotent: revoking a revoked feed answers with it unchanged. */
export async function revokeMyFeed(db: Db, p: FeedScope, id: number, now = new Date()): Promise<FeedResponse> {
  return db.transaction().execute(async (trx) => {
    const feed = await findFeedInUnit(trx, p.orgUnitId, id);
    if (!feed || (!p.allFeeds && feed.created_by !== p.userId)) throw feedNotFound();
    if (await revokeFeed(trx, id, now.toISOString())) {
      await appendAudit(
        trx,
        {
          orgUnitId: p.orgUnitId,
          actor: p.actor,
          action: 'calendar_feed.revoke',
          entity: 'calendar_feed',
          entityId: id,
        },
        now,
      );
    }
    const after = await findFeedInUnit(trx, p.orgUnitId, id);
    if (!after) throw feedNotFound();
    return presentFeed(after);
  });
}

/**
 * The .ics text of an active feed, or not found (unknown, revoked, or its account disabled). A user feed follows
 * the account as it is now: a department account sees its department, the office and leaders the whole unit.
 */
export async function renderFeed(db: Db, token: string, now = new Date()): Promise<string> {
  const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await findActiveFeedByHash(db, hashToken(token)) : undefined;
  if (!feed) throw feedNotFound();
  let departmentId: number | null = feed.department_id;
  let scopeLabel: string;
  if (feed.kind === 'user') {
    const account = feed.user_id === null ? undefined : await findFeedAccount(db, feed.user_id);
    if (!account) throw feedNotFound();
    departmentId = feedAccountDepartment(account);
    scopeLabel = departmentId === null ? '全部任务' : '本部门任务';
  } else {
    scopeLabel = '部门任务';
  }
  const rows = await listFeedOccurrences(db, feed.org_unit_id, departmentId);
  return buildCalendar(
    {
      name: feed.name,
      description: `安全生产治本攻坚三年行动任务清单 · ${scopeLabel}的完成时限`,
      events: feedEvents(rows, todayInShanghai(now)),
    },
    now,
  );
}
