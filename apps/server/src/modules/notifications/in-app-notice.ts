import type { Db } from '../../db/database.ts';
import { insertNotification } from './notifications.repository.ts';

/**
 * A plain in-app notice for other domains whose steps are not occurrences (e.g. whistleblowing time limits):
 * written in the caller's transaction, one row per account, no outside channel.
 */
export async function addInAppNotices(
  trx: Db,
  orgUnitId: number,
  userIds: readonly number[],
  notice: { kind: string; title: string; body: string },
  now: Date,
): Promise<void> {
  for (const userId of userIds) {
    await insertNotification(trx, {
      org_unit_id: orgUnitId,
      user_id: userId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      items: '[]',
      created_at: now.toISOString(),
      read_at: null,
    });
  }
}
