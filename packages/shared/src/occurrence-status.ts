/**
 * The status of one dated obligation (occurrence), derived from its report state and dates.
 * The dashboard's SQL mirrors this function (apps/server/src/modules/documents/); keep them in step.
 */
export type OccurrenceStatus = 'pending' | 'due-soon' | 'submitted' | 'accepted' | 'returned' | 'overdue' | 'done-late';

export const OCCURRENCE_STATUSES: readonly OccurrenceStatus[] = [
  'pending',
  'due-soon',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'done-late',
];

/** Days before the due date from which an open occurrence counts as due soon. */
export const DUE_SOON_DAYS = 7;

export type ReportState = 'none' | 'draft' | 'submitted' | 'returned' | 'accepted';

export interface OccurrenceFacts {
  reportState: ReportState;
  /** Civil dates (Asia/Shanghai). */
  dueDate: string;
  extendedDue: string | null;
  acceptedOn: string | null;
}

export function effectiveDue(o: Pick<OccurrenceFacts, 'dueDate' | 'extendedDue'>): string {
  return o.extendedDue ?? o.dueDate;
}

/** `dueSoonFrom` = today + DUE_SOON_DAYS, passed in so the caller's clock decides (and SQL can use the same). */
export function occurrenceStatus(o: OccurrenceFacts, today: string, dueSoonUntil: string): OccurrenceStatus {
  const due = effectiveDue(o);
  if (o.reportState === 'accepted') return o.acceptedOn !== null && o.acceptedOn > due ? 'done-late' : 'accepted';
  if (o.reportState === 'submitted') return 'submitted';
  if (today > due) return 'overdue';
  if (o.reportState === 'returned') return 'returned';
  return due <= dueSoonUntil ? 'due-soon' : 'pending';
}

/** Traffic light used in bulletins: green on track, yellow due soon or done late, red overdue. */
export function trafficLight(status: OccurrenceStatus): 'green' | 'yellow' | 'red' {
  if (status === 'overdue') return 'red';
  if (status === 'due-soon' || status === 'done-late' || status === 'returned') return 'yellow';
  return 'green';
}

const ROLLUP_ORDER: readonly OccurrenceStatus[] = [
  'overdue',
  'returned',
  'due-soon',
  'submitted',
  'pending',
  'done-late',
  'accepted',
];

/** A task row's status from its departments' statuses: the most urgent wins; lead first is the caller's order. */
export function rollupStatus(statuses: readonly OccurrenceStatus[]): OccurrenceStatus | null {
  for (const s of ROLLUP_ORDER) if (statuses.includes(s)) return s;
  return null;
}
