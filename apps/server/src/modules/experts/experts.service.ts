import { randomBytes } from 'node:crypto';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { CreateExpertRequest, ExpertResponse, UpdateExpertRequest } from '@duban/shared/contracts/inspections';
import {
  AddCertificateRequest,
  AddEngagementRequest,
  CreateExpertRequest as CreateExpertSchema,
  DrawExpertsRequest,
  EvaluateEngagementRequest,
  UpdateExpertRequest as UpdateExpertSchema,
} from '@duban/shared/contracts/inspections';
import { SeededRandom } from '@duban/shared/inspections/seeded-random';
import { sha256Hex } from '@duban/shared/inspections/sha256';
import type { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { type AuditInput, appendAudit } from '../audit/audit.service.ts';
import type { ExpertManageScope, ExpertReadScope } from './experts.policy.ts';
import {
  type ExpertRow,
  findEngagement,
  findExpert,
  insertCertificate,
  insertEngagement,
  insertExpert,
  selectCertificates,
  selectEngagements,
  selectExperts,
  selectExpertsByIds,
  setEvaluation,
  updateExpertVersioned,
} from './experts.repository.ts';

/**
 * The expert pool (专家库, task 55): specialties, title, employer and former employers (recusal), certificates with
 * expiry warnings claimed exactly once, availability, engagements and evaluations, and a reproducible draw of
 * experts for an inspection or a hazard acceptance with the same recusal rules as the inspector draw.
 * Office manages; leaders and departments read; enterprises have no access.
 */
const expertNotFound = () => new AppError('not_found', '专家不存在 (expert not found)');
const staleVersion = (v: number) =>
  new AppError('conflict', '记录已被他人修改，请刷新后重试 (stale version)', { currentVersion: v });

/** For the inspector draw: each expert's current and former employers (enterprise ids). */
export async function expertRecusalIds(db: Db, expertIds: number[]): Promise<Map<number, number[]>> {
  const rows = await selectExpertsByIds(db, expertIds);
  return new Map(rows.map((r) => [r.id, recusalIds(r)]));
}

/** The enterprises an expert must not be drawn for: the current and former employers. */
function recusalIds(r: ExpertRow): number[] {
  const ids = JSON.parse(r.former_employer_ids) as number[];
  return r.employer_enterprise_id === null ? ids : [r.employer_enterprise_id, ...ids];
}

async function present(db: Db, rows: ExpertRow[], today: string): Promise<ExpertResponse[]> {
  const ids = rows.map((r) => r.id);
  const certs = await selectCertificates(db, ids);
  const engagements = await selectEngagements(db, ids);
  return rows.map((r) => {
    const own = engagements.filter((e) => e.expert_id === r.id);
    const scores = own.flatMap((e) => (e.score === null ? [] : [e.score]));
    return {
      id: r.id,
      name: r.name,
      title: r.title,
      specialties: JSON.parse(r.specialties),
      employerEnterpriseId: r.employer_enterprise_id,
      employerName: r.employer_name,
      formerEmployerIds: JSON.parse(r.former_employer_ids),
      phone: r.phone,
      available: r.available === 1,
      availabilityNote: r.availability_note,
      certificates: certs
        .filter((c) => c.expert_id === r.id)
        .map((c) => ({
          id: c.id,
          name: c.name,
          number: c.number,
          expiresOn: c.expires_on,
          expired: c.expires_on < today,
        })),
      engagements: own.map((e) => ({
        id: e.id,
        kind: e.kind,
        inspectionId: e.inspection_id,
        enterpriseId: e.enterprise_id,
        engagedOn: e.engaged_on,
        note: e.note,
        score: e.score,
        evaluation: e.evaluation,
      })),
      averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
      version: r.version,
    };
  });
}

export async function listExperts(
  db: Db,
  scope: ExpertReadScope,
  query: { specialty?: string; available?: 'true' | 'false' },
  now = new Date(),
): Promise<ExpertResponse[]> {
  let rows = await selectExperts(db, scope.orgUnitId);
  if (query.specialty)
    rows = rows.filter((r) => (JSON.parse(r.specialties) as string[]).includes(query.specialty as string));
  if (query.available) rows = rows.filter((r) => (r.available === 1) === (query.available === 'true'));
  return present(db, rows, todayInShanghai(now));
}

export async function getExpert(db: Db, scope: ExpertReadScope, id: number, now = new Date()): Promise<ExpertResponse> {
  const row = await findExpert(db, scope.orgUnitId, id);
  if (!row) throw expertNotFound();
  return (await present(db, [row], todayInShanghai(now)))[0] as ExpertResponse;
}

export async function createExpert(
  db: Db,
  scope: ExpertManageScope,
  request: CreateExpertRequest,
  now = new Date(),
): Promise<ExpertResponse> {
  const input = CreateExpertSchema.parse(request);
  const stamp = now.toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const r = await insertExpert(trx, {
      org_unit_id: scope.orgUnitId,
      name: input.name,
      title: input.title,
      specialties: JSON.stringify(input.specialties),
      employer_enterprise_id: input.employerEnterpriseId,
      employer_name: input.employerName,
      former_employer_ids: JSON.stringify(input.formerEmployerIds),
      phone: input.phone,
      available: input.available ? 1 : 0,
      availability_note: input.availabilityNote,
      created_at: stamp,
      updated_at: stamp,
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'expert.create',
        entity: 'expert',
        entityId: r.id,
        after: input,
      },
      now,
    );
    return r;
  });
  return (await present(db, [row], todayInShanghai(now)))[0] as ExpertResponse;
}

export async function updateExpert(
  db: Db,
  scope: ExpertManageScope,
  id: number,
  request: UpdateExpertRequest,
  now = new Date(),
): Promise<ExpertResponse> {
  const input = UpdateExpertSchema.parse(request);
  const row = await db.transaction().execute(async (trx) => {
    const current = await findExpert(trx, scope.orgUnitId, id);
    if (!current) throw expertNotFound();
    if (current.version !== input.version) throw staleVersion(current.version);
    const updated = await updateExpertVersioned(trx, id, input.version, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.specialties !== undefined && { specialties: JSON.stringify(input.specialties) }),
      ...(input.employerEnterpriseId !== undefined && { employer_enterprise_id: input.employerEnterpriseId }),
      ...(input.employerName !== undefined && { employer_name: input.employerName }),
      ...(input.formerEmployerIds !== undefined && { former_employer_ids: JSON.stringify(input.formerEmployerIds) }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.available !== undefined && { available: input.available ? 1 : 0 }),
      ...(input.availabilityNote !== undefined && { availability_note: input.availabilityNote }),
      updated_at: now.toISOString(),
    });
    if (!updated) throw staleVersion(current.version + 1);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'expert.update',
        entity: 'expert',
        entityId: id,
        before: current,
        after: updated,
      },
      now,
    );
    return updated;
  });
  return (await present(db, [row], todayInShanghai(now)))[0] as ExpertResponse;
}

/**
 * Adds a record (certificate, engagement) to an expert of the unit — 404 when there is none — and audits it in the
 * same transaction; answers the expert as it is now.
 */
async function addToExpert(
  db: Db,
  scope: ExpertManageScope,
  expertId: number,
  now: Date,
  write: (trx: Db) => Promise<Omit<AuditInput, 'orgUnitId' | 'actor'>>,
): Promise<ExpertResponse> {
  await db.transaction().execute(async (trx) => {
    if (!(await findExpert(trx, scope.orgUnitId, expertId))) throw expertNotFound();
    const event = await write(trx);
    await appendAudit(trx, { orgUnitId: scope.orgUnitId, actor: scope.actor, ...event }, now);
  });
  return getExpert(db, scope, expertId, now);
}

export async function addCertificate(
  db: Db,
  scope: ExpertManageScope,
  expertId: number,
  request: z.input<typeof AddCertificateRequest>,
  now = new Date(),
): Promise<ExpertResponse> {
  const input = AddCertificateRequest.parse(request);
  return addToExpert(db, scope, expertId, now, async (trx) => {
    const c = await insertCertificate(trx, {
      expert_id: expertId,
      name: input.name,
      number: input.number,
      expires_on: input.expiresOn,
      created_at: now.toISOString(),
    });
    return {
      action: 'expert.certificate',
      entity: 'expert',
      entityId: expertId,
      after: { certificateId: c.id, ...input },
    };
  });
}

export async function addEngagement(
  db: Db,
  scope: ExpertManageScope,
  expertId: number,
  request: z.input<typeof AddEngagementRequest>,
  now = new Date(),
): Promise<ExpertResponse> {
  const input = AddEngagementRequest.parse(request);
  return addToExpert(db, scope, expertId, now, async (trx) => {
    const e = await insertEngagement(trx, {
      expert_id: expertId,
      kind: input.kind,
      inspection_id: input.inspectionId,
      enterprise_id: input.enterpriseId,
      engaged_on: input.engagedOn,
      note: input.note,
      score: null,
      evaluation: null,
      evaluated_by: null,
      created_at: now.toISOString(),
    });
    return { action: 'expert.engage', entity: 'expert_engagement', entityId: e.id, after: input };
  });
}

export async function evaluateEngagement(
  db: Db,
  scope: ExpertManageScope,
  engagementId: number,
  request: z.input<typeof EvaluateEngagementRequest>,
  now = new Date(),
): Promise<ExpertResponse> {
  const input = EvaluateEngagementRequest.parse(request);
  const expertId = await db.transaction().execute(async (trx) => {
    const e = await findEngagement(trx, scope.orgUnitId, engagementId);
    if (!e) throw new AppError('not_found', '专家参与记录不存在 (engagement not found)');
    await setEvaluation(trx, engagementId, input.score, input.evaluation, scope.actor);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'expert.evaluate',
        entity: 'expert_engagement',
        entityId: engagementId,
        before: { score: e.score },
        after: input,
      },
      now,
    );
    return e.expert_id;
  });
  return getExpert(db, scope, expertId, now);
}

/**
 * Draws `count` available experts (with the specialty, when given) for an enterprise, reproducibly (seed + pool
 * hash returned and audited), never one employed (now or before) by the enterprise nor one engaged at the same
 * enterprise last time; records an engagement for each drawn expert.
 */
export async function drawExperts(
  db: Db,
  scope: ExpertManageScope,
  request: z.input<typeof DrawExpertsRequest>,
  now = new Date(),
  seed = randomBytes(32).toString('hex'),
) {
  const input = DrawExpertsRequest.parse(request);
  const all = await selectExperts(db, scope.orgUnitId);
  const engagements = await selectEngagements(
    db,
    all.map((e) => e.id),
  );
  const lastAtEnterprise = new Set<number>();
  const latest = engagements.filter((e) => e.enterprise_id === input.enterpriseId);
  if (latest.length > 0) {
    const day = latest[0]?.engaged_on;
    for (const e of latest) if (e.engaged_on === day) lastAtEnterprise.add(e.expert_id);
  }
  const recused: { expertId: number; reason: string }[] = [];
  const eligible: ExpertRow[] = [];
  for (const e of all) {
    if (e.available !== 1) continue;
    if (input.specialty && !(JSON.parse(e.specialties) as string[]).includes(input.specialty)) continue;
    if (recusalIds(e).includes(input.enterpriseId)) recused.push({ expertId: e.id, reason: 'employer' });
    else if (lastAtEnterprise.has(e.id)) recused.push({ expertId: e.id, reason: 'same_pair_as_last_time' });
    else eligible.push(e);
  }
  if (eligible.length < input.count) {
    throw new AppError('conflict', `符合条件的专家不足 ${input.count} 人（回避后剩 ${eligible.length} 人）`, {
      eligible: eligible.length,
      recused,
    });
  }
  const pool = eligible.map((e) => e.id).sort((a, b) => a - b);
  const poolsHash = sha256Hex(
    JSON.stringify({ enterpriseId: input.enterpriseId, specialty: input.specialty ?? null, pool }),
  );
  const expertIds = new SeededRandom(seed)
    .shuffle(pool)
    .slice(0, input.count)
    .sort((a, b) => a - b);
  const engagedOn = todayInShanghai(now);
  await db.transaction().execute(async (trx) => {
    for (const id of expertIds) {
      await insertEngagement(trx, {
        expert_id: id,
        kind: input.purpose,
        inspection_id: null,
        enterprise_id: input.enterpriseId,
        engaged_on: engagedOn,
        note: '随机抽取',
        score: null,
        evaluation: null,
        evaluated_by: null,
        created_at: now.toISOString(),
      });
    }
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'expert.draw',
        entity: 'expert',
        entityId: null,
        after: { seed, poolsHash, pool, expertIds, recused, ...input },
      },
      now,
    );
  });
  return { seed, poolsHash, expertIds, recused };
}

/**
 * The experts of a hazard acceptance (隐患验收) taken from the pool: each must be an expert of the unit drawn for an
 * acceptance at this enterprise (POST /api/experts/draw, purpose 'acceptance', which applies the recusal rules and
 * records the engagement), and the recusal rules are checked again here — never one employed now or before by the
 * enterprise — so a hand-picked id cannot slip past them. Returns the names, in the order given. The hazards
 * module calls this from record-acceptance.ts inside its transaction.
 */
export async function expertsForAcceptance(
  db: Db,
  orgUnitId: number,
  enterpriseId: number,
  expertIds: readonly number[],
): Promise<string[]> {
  const ids = [...new Set(expertIds)];
  if (ids.length === 0) return [];
  const rows = new Map(
    (await selectExpertsByIds(db, ids)).filter((e) => e.org_unit_id === orgUnitId).map((e) => [e.id, e]),
  );
  const drawn = new Set(
    (await selectEngagements(db, ids))
      .filter((g) => g.kind === 'acceptance' && g.enterprise_id === enterpriseId)
      .map((g) => g.expert_id),
  );
  const problems: { path: string; message: string }[] = [];
  ids.forEach((id, i) => {
    const e = rows.get(id);
    if (!e) problems.push({ path: `drawnExpertIds.${i}`, message: '专家库中没有此专家' });
    else if (recusalIds(e).includes(enterpriseId))
      problems.push({ path: `drawnExpertIds.${i}`, message: `专家 ${e.name} 与该企业有任职关系，须回避` });
    else if (!drawn.has(id))
      problems.push({ path: `drawnExpertIds.${i}`, message: `专家 ${e.name} 未被抽取参加该企业的隐患验收` });
  });
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join('；'), problems);
  return ids.map((id) => rows.get(id)?.name ?? '');
}
