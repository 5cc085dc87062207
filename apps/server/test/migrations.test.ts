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
        // shared file storage (migration 0019)
        'evidence_blobs',
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
        // pilot: batches of 督办/催办 notices (migration 0009)
        'supervision_batches',
        'supervision_settings',
        // enterprise registry (migration 0010)
        'enterprise_industries',
        'enterprise_supervisors',
        'enterprise_versions',
        'enterprises',
        'industry_catalogue',
        // hazard register (migration 0011)
        'hazard_acceptances',
        'hazard_events',
        'hazard_extensions',
        'hazard_files',
        'hazard_listings',
        'hazard_reminder_claims',
        'hazard_settings',
        'hazard_standard_items',
        'hazard_standards',
        'hazards',
        // hazard statistics' summary (migration 0015)
        'hazard_industry_summary',
        'hazard_summary',
        // inspections, enforcement, experts (migration 0013)
        'enforcement_actions',
        'expert_certificate_warnings',
        'expert_certificates',
        'expert_engagements',
        'experts',
        'inspection_draws',
        'inspection_findings',
        'inspection_matters',
        'inspection_photos',
        'inspection_plan_items',
        'inspection_plans',
        'inspection_profiles',
        'inspection_team',
        'inspections',
        'inspector_conflicts',
        'inspectors',
        // whistleblowing and the public portal (migration 0012)
        'knowledge_articles',
        'whistle_attachments',
        'whistle_deadline_steps',
        'whistle_identities',
        'whistle_lookup_attempts',
        'whistle_policies',
        'whistle_reports',
        'whistle_rewards',
        // 督办/催办 batch document numbers (migration 0016)
        'supervision_doc_counters',
        // the public side's abuse counters (migration 0017)
        'public_rate_counters',
        // inspection document numbers (migration 0018)
        'inspection_document_counters',
        // roll-up across org units: zone links, task links, 直报 (migration 0021)
        'rollup_submissions',
        'rollup_task_links',
        'rollup_zone_links',
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
