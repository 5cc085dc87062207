import type {
  ExtensionResponse,
  OccurrenceDueResponse,
  SupervisionActionResponse,
} from '@duban/shared/contracts/supervision';
import type { ExtensionRow, OccurrenceDueRow, SupervisionActionRow } from './supervision.repository.ts';

/** Table rows → the response contracts of supervision.schemas.ts. */

export function presentAction(r: SupervisionActionRow): SupervisionActionResponse {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    departmentId: r.department_id,
    kind: r.kind,
    note: r.note,
    replyBy: r.reply_by,
    reply: r.reply_text === null ? null : { text: r.reply_text, at: r.replied_at ?? '', byUserId: r.replied_by },
    actor: r.actor,
    createdAt: r.created_at,
    version: r.version,
  };
}

export function presentExtension(r: ExtensionRow): ExtensionResponse {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    departmentId: r.department_id,
    reason: r.reason,
    originalDue: r.original_due,
    requestedDue: r.requested_due,
    status: r.status,
    requestedBy: r.requested_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    version: r.version,
  };
}

export function presentOccurrenceDue(o: OccurrenceDueRow): OccurrenceDueResponse {
  return {
    id: o.id,
    departmentId: o.department_id,
    dueDate: o.due_date,
    extendedDue: o.extended_due,
    effectiveDue: o.extended_due ?? o.due_date,
    version: o.version,
  };
}
