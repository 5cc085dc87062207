import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  ExtensionRequestTable,
  OccurrenceTable,
  SupervisionActionTable,
  SupervisionBatchTable,
} from '../../db/schema.ts';

/**
 * All SQL of supervision_actions and extension_requests, plus the one write this domain makes to occurrences
 * (extended_due with its version). Reading an occurrence joins through its task list for the org unit.
 */

export type SupervisionActionRow = Selectable<SupervisionActionTable>;
export type ExtensionRow = Selectable<ExtensionRequestTable>;

/** An occurrence's due dates and state; its department is never null here (the assignment's when not denormalised). */
export type OccurrenceDueRow = Pick<
  Selectable<OccurrenceTable>,
  'id' | 'due_date' | 'extended_due' | 'report_state' | 'version'
> & { department_id: number };

const isPostgres = (db: Db) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

// ── occurrences ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The occurrence with its department (the denormalised column, else the assignment's), inside the org unit. */
export async function findOccurrenceDue(
  db: Db,
  orgUnitId: number,
  occurrenceId: number,
): Promise<OccurrenceDueRow | undefined> {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .select((eb) => [
      'o.id',
      eb.fn.coalesce('o.department_id', 'a.department_id').as('department_id'),
      'o.due_date',
      'o.extended_due',
      'o.report_state',
      'o.version',
    ])
    .where('o.id', '=', occurrenceId)
    .where('l.org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

/**
 * Row lock on the occurrence until the transaction ends, so two requests for one occurrence queue up
 * (PostgreSQL; SQLite already runs one write transaction at a time).
 */
export async function lockOccurrence(trx: Db, occurrenceId: number): Promise<void> {
  if (isPostgres(trx)) await sql`select id from occurrences where id = ${occurrenceId} for update`.execute(trx);
}

export async function setOccurrenceExtendedDue(trx: Db, occurrenceId: number, extendedDue: string): Promise<void> {
  await trx
    .updateTable('occurrences')
    .set((eb) => ({ extended_due: extendedDue, version: eb('version', '+', 1) }))
    .where('id', '=', occurrenceId)
    .execute();
}

// ── supervision_actions ─────────────────────────────────────────────────────────────────────────────────────────

export type NewSupervisionAction = Omit<
  SupervisionActionRow,
  'id' | 'version' | 'reply_text' | 'replied_at' | 'replied_by' | 'batch_id'
> & { batch_id?: number | null };

export async function insertSupervisionAction(trx: Db, row: NewSupervisionAction): Promise<SupervisionActionRow> {
  return trx.insertInto('supervision_actions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSupervisionAction(
  db: Db,
  orgUnitId: number,
  id: number,
): Promise<SupervisionActionRow | undefined> {
  return db
    .selectFrom('supervision_actions')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export interface SupervisionActionFilter {
  orgUnitId: number;
  /** The reader's scope: a department user sees only this department, whatever the other filters say. */
  scopeDepartmentId: number | null;
  occurrenceId?: number | undefined;
  departmentId?: number | undefined;
  kind?: SupervisionActionRow['kind'] | undefined;
  limit: number;
  offset: number;
}

/** Oldest first: the ladder reads top to bottom. */
export async function listSupervisionActions(db: Db, f: SupervisionActionFilter): Promise<SupervisionActionRow[]> {
  let q = db.selectFrom('supervision_actions').selectAll().where('org_unit_id', '=', f.orgUnitId);
  if (f.scopeDepartmentId !== null) q = q.where('department_id', '=', f.scopeDepartmentId);
  if (f.occurrenceId !== undefined) q = q.where('occurrence_id', '=', f.occurrenceId);
  if (f.departmentId !== undefined) q = q.where('department_id', '=', f.departmentId);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  return q.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
}

/** Writes the reply only if nobody replied and the version still matches; returns the updated row if it did. */
export async function writeNoticeReply(
  trx: Db,
  id: number,
  expectedVersion: number,
  reply: { text: string; at: string; by: number },
): Promise<SupervisionActionRow | undefined> {
  return trx
    .updateTable('supervision_actions')
    .set((eb) => ({
      reply_text: reply.text,
      replied_at: reply.at,
      replied_by: reply.by,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('reply_text', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

// ── extension_requests ──────────────────────────────────────────────────────────────────────────────────────────

export type NewExtension = Omit<ExtensionRow, 'id' | 'version' | 'decided_by' | 'decided_at' | 'decision_note'>;

export async function insertExtension(trx: Db, row: NewExtension): Promise<ExtensionRow> {
  return trx.insertInto('extension_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findExtension(db: Db, orgUnitId: number, id: number): Promise<ExtensionRow | undefined> {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function findPendingExtension(trx: Db, occurrenceId: number): Promise<{ id: number } | undefined> {
  return trx
    .selectFrom('extension_requests')
    .select('id')
    .where('occurrence_id', '=', occurrenceId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export interface ExtensionFilter {
  orgUnitId: number;
  scopeDepartmentId: number | null;
  status?: ExtensionRow['status'] | undefined;
  occurrenceId?: number | undefined;
  departmentId?: number | undefined;
  limit: number;
  offset: number;
}

export async function listExtensions(db: Db, f: ExtensionFilter): Promise<ExtensionRow[]> {
  let q = db.selectFrom('extension_requests').selectAll().where('org_unit_id', '=', f.orgUnitId);
  if (f.scopeDepartmentId !== null) q = q.where('department_id', '=', f.scopeDepartmentId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.occurrenceId !== undefined) q = q.where('occurrence_id', '=', f.occurrenceId);
  if (f.departmentId !== undefined) q = q.where('department_id', '=', f.departmentId);
  return q.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
}

/** Decides a pending request at the expected version; returns the updated row, or undefined if it was not. */
export async function writeExtensionDecision(
  trx: Db,
  id: number,
  expectedVersion: number,
  decision: { status: 'approved' | 'refused'; by: number; at: string; note: string | null },
): Promise<ExtensionRow | undefined> {
  return trx
    .updateTable('extension_requests')
    .set((eb) => ({
      status: decision.status,
      decided_by: decision.by,
      decided_at: decision.at,
      decision_note: decision.note,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

// ── supervision_batches and settings (issue 13 item 5) ──────────────────────────────────────────────────────────

export type SupervisionBatchRow = Selectable<SupervisionBatchTable>;

/**
 * The next number of the unit's series for a kind and year, taken atomically: the counter row
 * (supervision_doc_counters, started from the numbers already issued) is raised by one UPDATE in the issuing
 * transaction. The update holds the row lock until that transaction ends, so a concurrent batch waits and takes
 * the following number instead of reading the same maximum (which collided on the unique number under load).
 */
export async function nextBatchNumber(trx: Db, orgUnitId: number, kind: 'urge' | 'notice', year: number) {
  const key = { org_unit_id: orgUnitId, kind, year };
  const issued = await trx
    .selectFrom('supervision_batches')
    .select((eb) => eb.fn.max('seq_no').as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .executeTakeFirst();
  await trx
    .insertInto('supervision_doc_counters')
    .values({ ...key, last_no: Number(issued?.n ?? 0) })
    .onConflict((oc) => oc.columns(['org_unit_id', 'kind', 'year']).doNothing())
    .execute();
  const raised = await trx
    .updateTable('supervision_doc_counters')
    .set((eb) => ({ last_no: eb('last_no', '+', 1) }))
    .where('org_unit_id', '=', orgUnitId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return raised.last_no;
}

export async function insertBatch(trx: Db, row: Omit<SupervisionBatchRow, 'id'>): Promise<SupervisionBatchRow> {
  return trx.insertInto('supervision_batches').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findBatch(db: Db, orgUnitId: number, id: number): Promise<SupervisionBatchRow | undefined> {
  return db
    .selectFrom('supervision_batches')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function listBatches(
  db: Db,
  f: { orgUnitId: number; departmentId: number | null; limit: number },
): Promise<SupervisionBatchRow[]> {
  let q = db.selectFrom('supervision_batches').selectAll().where('org_unit_id', '=', f.orgUnitId);
  if (f.departmentId !== null) q = q.where('department_id', '=', f.departmentId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** The items of a batch with what the document prints: task, period, due date (read-only join). */
export async function listBatchItems(db: Db, batchId: number) {
  return db
    .selectFrom('supervision_actions as sa')
    .innerJoin('occurrences as o', 'o.id', 'sa.occurrence_id')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select([
      'sa.id as action_id',
      'sa.occurrence_id',
      'sa.reply_text',
      'sa.replied_at',
      'sa.version',
      'o.due_date',
      'o.extended_due',
      'o.period_key',
      'o.report_state',
      't.no as task_no',
      't.text as task_text',
      't.seq as task_seq',
    ])
    .where('sa.batch_id', '=', batchId)
    .orderBy('t.seq')
    .orderBy('o.due_date')
    .execute();
}

export async function findSettings(db: Db, orgUnitId: number) {
  return db.selectFrom('supervision_settings').selectAll().where('org_unit_id', '=', orgUnitId).executeTakeFirst();
}

export async function upsertSettings(
  trx: Db,
  row: { org_unit_id: number; notice_pattern: string; urge_pattern: string; updated_at: string },
  expectedVersion: number | null,
): Promise<boolean> {
  if (expectedVersion === null) {
    await trx.insertInto('supervision_settings').values(row).execute();
    return true;
  }
  const r = await trx
    .updateTable('supervision_settings')
    .set((eb) => ({ ...row, version: eb('version', '+', 1) }))
    .where('org_unit_id', '=', row.org_unit_id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
