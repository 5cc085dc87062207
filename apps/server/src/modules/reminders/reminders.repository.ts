import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ReminderPolicyTable, ReminderStepTable } from '../../db/schema.ts';

/**
 * SQL of reminder_policies and reminder_steps, plus the scan's read model: the open occurrences of a campaign
 * around the scan day, joined read-only with the task-list tables for the message text.
 */
export type PolicyRow = Selectable<ReminderPolicyTable>;
export type StepRow = Selectable<ReminderStepTable>;

// ── reminder_policies ───────────────────────────────────────────────────────────────────────────────────────────

/** Every campaign with its stored policy (null: the defaults apply). */
export async function listCampaignPolicies(db: Db) {
  return db
    .selectFrom('campaigns as c')
    .leftJoin('reminder_policies as p', 'p.campaign_id', 'c.id')
    .select(['c.id as campaign_id', 'c.org_unit_id', 'p.policy'])
    .orderBy('c.id')
    .execute();
}

/** A campaign with its stored policy: campaigns' columns, the policy's JSON (null when none is stored). */
export type CampaignPolicyRow = Awaited<ReturnType<typeof listCampaignPolicies>>[number];

export async function findCampaignInUnit(db: Db, orgUnitId: number, campaignId: number) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'org_unit_id'])
    .where('id', '=', campaignId)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function findPolicy(db: Db, campaignId: number): Promise<PolicyRow | undefined> {
  return db.selectFrom('reminder_policies').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

export async function insertPolicy(trx: Db, row: Insertable<ReminderPolicyTable>): Promise<PolicyRow | undefined> {
  return trx
    .insertInto('reminder_policies')
    .values(row)
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updatePolicy(
  trx: Db,
  campaignId: number,
  expectedVersion: number,
  change: { policy: string; updated_at: string; updated_by: string },
): Promise<PolicyRow | undefined> {
  return trx
    .updateTable('reminder_policies')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('campaign_id', '=', campaignId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

// ── the scan's read model ───────────────────────────────────────────────────────────────────────────────────────

/** Open occurrences (not submitted, not accepted) of the campaign whose effective due date is in [from, to]. */
export async function listScanCandidates(db: Db, campaignId: number, from: string, to: string) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as tl', 'tl.id', 't.task_list_id')
    .innerJoin('departments as d', (j) =>
      j.on((eb) => eb('d.id', '=', eb.fn.coalesce('o.department_id', 'a.department_id'))),
    )
    .select([
      'o.id',
      'd.id as department_id',
      'd.name as department_name',
      'o.window_start',
      'o.due_date',
      'o.extended_due',
      't.no as task_no',
      't.text as task_text',
      'tl.org_unit_id',
    ])
    .where('tl.campaign_id', '=', campaignId)
    .where('o.report_state', 'in', ['none', 'draft', 'returned'])
    .where((eb) => eb(eb.fn.coalesce('o.extended_due', 'o.due_date'), '>=', from))
    .where((eb) => eb(eb.fn.coalesce('o.extended_due', 'o.due_date'), '<=', to))
    .orderBy('o.id')
    .execute();
}

/** An open occurrence of listScanCandidates with its department's name and its task's 序号 and text. */
export type ScanCandidate = Awaited<ReturnType<typeof listScanCandidates>>[number];

// ── reminder_steps ──────────────────────────────────────────────────────────────────────────────────────────────

/** Keys `occurrence|due|step` already claimed among the given occurrences: lets the scan skip work it already did. */
export async function listClaimedKeys(db: Db, occurrenceIds: number[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < occurrenceIds.length; i += 500) {
    const rows = await db
      .selectFrom('reminder_steps')
      .select(['occurrence_id', 'due_date', 'step'])
      .where('occurrence_id', 'in', occurrenceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) keys.add(stepKey(r.occurrence_id, r.due_date, r.step));
  }
  return keys;
}

export function stepKey(occurrenceId: number, due: string, step: string): string {
  return `${occurrenceId}|${due}|${step}`;
}

/**
 * The exactly-once claim: inserts the step unless (occurrence, due date, step) exists. Returns the new row's id
 * only to the transaction that inserted it; every other scan gets undefined and does nothing.
 */
export async function claimStep(
  trx: Db,
  row: Omit<Insertable<ReminderStepTable>, 'id' | 'supervision_action_id'>,
): Promise<number | undefined> {
  const r = await trx
    .insertInto('reminder_steps')
    .values({ ...row, supervision_action_id: null })
    .onConflict((oc) => oc.columns(['occurrence_id', 'due_date', 'step']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function setStepSupervisionAction(trx: Db, stepId: number, actionId: number): Promise<void> {
  await trx.updateTable('reminder_steps').set({ supervision_action_id: actionId }).where('id', '=', stepId).execute();
}

export async function listStepsOfOccurrences(db: Db, occurrenceIds: number[]): Promise<StepRow[]> {
  if (occurrenceIds.length === 0) return [];
  return db
    .selectFrom('reminder_steps')
    .selectAll()
    .where('occurrence_id', 'in', occurrenceIds)
    .orderBy('id')
    .execute();
}

/**
 * A 催办/督办单/约谈 the office recorded by hand, as a claimed step (`manual-<kind>-<action id>`), so its
 * notifications go through the same outbox as the automatic ones. Unique per action by construction.
 */
export async function claimManualStep(
  trx: Db,
  input: {
    orgUnitId: number;
    occurrenceId: number;
    due: string;
    kind: string;
    actionId: number;
    today: string;
    now: Date;
  },
): Promise<number> {
  const r = await trx
    .insertInto('reminder_steps')
    .values({
      org_unit_id: input.orgUnitId,
      occurrence_id: input.occurrenceId,
      due_date: input.due,
      step: `manual-${input.kind}-${input.actionId}`,
      fire_date: input.today,
      scan_date: input.today,
      status: 'sent',
      reason: 'manual',
      supervision_action_id: input.actionId,
      claimed_at: input.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
