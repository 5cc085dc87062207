import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.ts';
import { describeEachDatabase } from './databases.ts';

describeEachDatabase('migrations', (get, dialect) => {
  it('creates every table from empty and is a no-op the second time', async () => {
    const { db } = get().handle;
    const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(tables.sort()).toEqual(
      [
        'api_tokens',
        'assignments',
        'audit_events',
        'bulletins',
        'calendar_feeds',
        'campaigns',
        'categories',
        'department_aliases',
        'department_group_members',
        'departments',
        'evidence_files',
        'export_snapshots',
        'extension_requests',
        'holiday_years',
        'notification_channels',
        'notification_deliveries',
        'notification_preferences',
        'notification_queue',
        'notifications',
        'occurrences',
        'org_units',
        'read_model_versions',
        'reminder_policies',
        'reminder_steps',
        'reports',
        'schedule_rules',
        'sessions',
        'supervision_actions',
        'task_lists',
        'tasks',
        'users',
        // security (migration 0008)
        'audit_checkpoints',
        'login_throttle',
        // whistleblowing and the public portal (migration 0012)
        'knowledge_articles',
        'whistle_attachments',
        'whistle_deadline_steps',
        'whistle_identities',
        'whistle_lookup_attempts',
        'whistle_policies',
        'whistle_reports',
        'whistle_rewards',
      ].sort(),
    );
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    const { db } = get().handle;
    await expect(
      db
        .insertInto('campaigns')
        .values({ org_unit_id: 999_999, code: 'x', name: 'x', start_year: 2024, end_year: 2026, created_at: 'now' })
        .execute(),
    ).rejects.toThrow();
  });

  it(`reports counts as numbers on ${dialect}`, async () => {
    const { db } = get().handle;
    const row = await db
      .selectFrom('org_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(0);
    const r = await sql<{ v: number }>`select 1 + 1 as v`.execute(db);
    expect(r.rows[0]?.v).toBe(2);
  });
});
