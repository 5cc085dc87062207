import { todayInShanghai } from '@duban/shared/civil-date';
import type {
  HazardResponse,
  HazardSummary,
  ListHazardsQuery,
  ListHazardsResponse,
} from '@duban/shared/contracts/hazards';
import { availableActions, isOverdue } from '@duban/shared/hazards/hazard-workflow';
import type { Db } from '../../db/database.ts';
import type { EvidenceStorage } from '../progress/storage/evidence-storage.ts';
import { findStandardItem } from './hazard-standards.repository.ts';
import { factsOf } from './hazard-writes.ts';
import { type HazardScope, hazardNotFound, mayTake } from './hazards.policy.ts';
import {
  type FileRow,
  findFile,
  findHazardInScope,
  findListing,
  type HazardRowWithEnterprise,
  listAcceptances,
  listEvents,
  listExtensions,
  listFiles,
  listHazardPage,
  TOTAL_CAP,
} from './hazards.repository.ts';

function summary(h: HazardRowWithEnterprise, listed: boolean, today: string): HazardSummary {
  return {
    id: h.id,
    enterpriseId: h.enterprise_id,
    enterpriseName: h.enterprise_name,
    channel: h.channel,
    level: h.level,
    status: h.status,
    place: h.place,
    description: h.description,
    foundOn: h.found_on,
    timeLimit: h.time_limit,
    overdue: isOverdue(h.status, h.time_limit, today),
    listed,
    closedOn: h.closed_on,
    demo: h.demo === 1,
    version: h.version,
  };
}

export async function getHazardList(db: Db, scope: HazardScope, q: ListHazardsQuery): Promise<ListHazardsResponse> {
  const today = todayInShanghai();
  const { rows, total } = await listHazardPage(
    db,
    scope,
    {
      status: q.status,
      level: q.level,
      channel: q.channel,
      enterpriseId: q.enterpriseId,
      year: q.year,
      listed: q.listed === undefined ? undefined : q.listed === '1',
      overdueOn: q.overdue ? today : undefined,
      stock: q.stock === '1',
      q: q.q,
    },
    q.limit,
    q.offset,
  );
  return {
    items: rows.map((r) => summary(r, r.listed === 1, today)),
    total: Math.min(total, TOTAL_CAP),
    totalCapped: total > TOTAL_CAP,
  };
}

export async function getHazardDetail(db: Db, scope: HazardScope, id: number): Promise<HazardResponse> {
  const h = await findHazardInScope(db, scope, id);
  if (!h) throw hazardNotFound();
  const today = todayInShanghai();
  const [listing, extensions, acceptances, files, events, basisItem, facts] = await Promise.all([
    findListing(db, id),
    listExtensions(db, id),
    listAcceptances(db, id),
    listFiles(db, id),
    listEvents(db, id),
    h.basis_item_id === null ? Promise.resolve(undefined) : findStandardItem(db, h.basis_item_id),
    factsOf(db, h),
  ]);
  const actionStep = {
    confirm: 'confirm',
    start_rectification: 'start_rectification',
    request_acceptance: 'request_acceptance',
    accept_pass: 'acceptance',
    accept_fail: 'acceptance',
    close: 'close',
    fix_on_spot: 'fix_on_spot',
  } as const;
  const actions = availableActions(facts).filter((a) => mayTake(scope.role, actionStep[a]));
  return {
    ...summary(h, listing !== undefined, today),
    category: h.category,
    foundBy: h.found_by,
    basis:
      h.basis_item_id === null && h.basis_text === ''
        ? null
        : {
            itemId: h.basis_item_id,
            standard: basisItem ? basisItem.title : null,
            number: basisItem ? basisItem.number : null,
            article: basisItem ? basisItem.article : null,
            item: basisItem ? basisItem.item : null,
            text: basisItem ? basisItem.text : h.basis_text,
          },
    report: { currentState: h.report_current_state, severity: h.report_severity, plan: h.report_plan },
    fiveImplementations: {
      responsible: h.plan_responsible,
      measures: h.plan_measures,
      fundsYuan: h.plan_funds_yuan === null ? null : Number(h.plan_funds_yuan),
      deadline: h.plan_deadline,
      contingency: h.plan_contingency,
    },
    evaluation:
      h.evaluation_kind === null
        ? null
        : {
            kind: h.evaluation_kind,
            organisation: h.evaluation_org ?? '',
            summary: h.evaluation_summary ?? '',
            evaluatedOn: h.evaluated_on ?? '',
          },
    listing: listing
      ? {
          listingLevel: listing.listing_level,
          listingUnit: listing.listing_unit,
          supervisingDepartmentId: listing.supervising_department_id,
          supervisingDepartment: listing.department_name,
          listedOn: listing.listed_on,
          batchNo: listing.batch_no,
          noticeNo: listing.notice_no,
          timeLimit: listing.time_limit,
          requirements: listing.requirements,
        }
      : null,
    extensions: extensions.map((e) => ({
      id: e.id,
      currentLimit: e.current_limit,
      requestedLimit: e.requested_limit,
      reason: e.reason,
      status: e.status,
      requestedAt: e.requested_at,
      decidedAt: e.decided_at,
      decisionNote: e.decision_note,
      version: e.version,
    })),
    acceptances: acceptances.map((a) => ({
      id: a.id,
      kind: a.kind,
      result: a.result,
      acceptedOn: a.accepted_on,
      acceptors: a.acceptors,
      experts: JSON.parse(a.experts) as string[],
      reason: a.reason,
    })),
    files: files.map(fileView),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      statusAfter: e.status_after,
      text: e.text,
      actorName: e.actor_name,
      at: e.at,
    })),
    availableActions: actions,
  };
}

export function fileView(f: FileRow) {
  return {
    id: f.id,
    kind: f.kind,
    acceptanceId: f.acceptance_id,
    fileName: f.file_name,
    mime: f.mime,
    size: f.size,
    createdAt: f.created_at,
  };
}

/** A hazard's file (photo, evidence) when the scope reaches the hazard. */
export async function openHazardFile(db: Db, storage: EvidenceStorage, scope: HazardScope, id: number, fileId: number) {
  const h = await findHazardInScope(db, scope, id);
  const f = h ? await findFile(db, id, fileId) : undefined;
  if (!f) throw hazardNotFound();
  return { record: f, body: await storage.get(f.sha256) };
}
