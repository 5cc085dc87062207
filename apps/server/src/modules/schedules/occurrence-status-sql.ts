import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { sql } from 'kysely';

/**
 * occurrenceStatus (packages/shared/src/occurrence-status.ts) as SQL over an occurrence aliased `o`, for read
 * models that count statuses in the database. Dates are 'YYYY-MM-DD' text compared as strings on both dialects;
 * the caller's clock comes in as bound parameters. Keep in step with the TypeScript function (tests compare them).
 */
export interface StatusWindow {
  /** The civil date the statuses are computed for (asOf). */
  today: string;
  /** today + DUE_SOON_DAYS. */
  dueSoonUntil: string;
}

/** Effective due date: the approved extension, else the original due date. */
export const EFFECTIVE_DUE = sql<string>`coalesce(o.extended_due, o.due_date)`;

export function statusCase(w: StatusWindow) {
  return sql<OccurrenceStatus>`case
    when o.report_state = 'accepted' then
      case when o.accepted_at is not null and o.accepted_at > ${EFFECTIVE_DUE} then 'done-late' else 'accepted' end
    when o.report_state = 'submitted' then 'submitted'
    when ${w.today} > ${EFFECTIVE_DUE} then 'overdue'
    when o.report_state = 'returned' then 'returned'
    when ${EFFECTIVE_DUE} <= ${w.dueSoonUntil} then 'due-soon'
    else 'pending'
  end`;
}
