import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { loadWorkdayCalendar } from '../src/modules/calendar/calendar.service.ts';
import { scanCertificateWarnings } from '../src/modules/experts/certificate-warnings.ts';
import { updateDrawPools } from '../src/modules/inspections/inspections.repository.ts';
import { listPublishedDrawResults, listPublishedPenalties } from '../src/modules/inspections/inspections.service.ts';
import { verifyStoredDraw } from '../src/modules/inspections/verify-draw.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase, type TestDatabase } from './databases.ts';
import { type InspectionWorld, PNG_BASE64, setupInspectionWorld } from './inspections-helpers.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

function cli(args: string[], url: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url },
    timeout: 60_000,
  });
}

describeEachDatabase('inspections and enforcement', (get) => {
  let t: TestApp;
  let w: InspectionWorld;
  let test: TestDatabase;
  beforeAll(async () => {
    test = get();
    t = await buildTestApp(test);
    w = await setupInspectionWorld(t, test);
  });

  describe('annual plan', () => {
    it('generates a draft from the class table, approves and publishes with versions', async () => {
      await t.as('admin', {
        method: 'PUT',
        url: `/api/inspection-profiles/${w.enterprises.supervisedByB}`,
        payload: { classCode: 'coal-B', key: true },
      });
      const res = await t.as('admin', {
        method: 'POST',
        url: '/api/inspection-plans',
        payload: {
          year: 2026,
          title: '2026年度安全生产监督检查计划',
          defaultInspectorDays: 10,
          visitsPerTeamDay: 1,
          teamSize: 2,
        },
      });
      expect(res.statusCode).toBe(201);
      const plan = res.json();
      // 8 enterprises; capacity = 4 staff × 10 days × 1 ÷ 2 = 20; A (high risk 三级 → hazchem-3, key) 8, B (coal-B, key) 4,
      // general ones (general-none, max 6) one each while capacity lasts: 20 − 12 = 8 ≥ 6.
      expect(plan.summary).toMatchObject({
        enterprises: 8,
        keyEnterprises: 2,
        keyVisits: 12,
        capacity: 20,
        plannedVisits: 18,
        drawPool: 0,
      });
      expect(plan.status).toBe('draft');
      const items = await t.as('dept_a', { method: 'GET', url: `/api/inspection-plans/${plan.id}/items` });
      expect(items.statusCode).toBe(200);
      // A department sees only its own rows: A and the six general ones.
      expect(items.json().total).toBe(7);
      expect(
        items.json().items.find((i: { enterpriseId: number }) => i.enterpriseId === w.enterprises.supervisedByA),
      ).toMatchObject({
        planned: 8,
        key: true,
        classCode: 'hazchem-3',
      });
      const stale = await t.as('admin', {
        method: 'POST',
        url: `/api/inspection-plans/${plan.id}/publish`,
        payload: { version: 1 },
      });
      expect(stale.statusCode).toBe(409);
      const approved = await t.as('admin', {
        method: 'POST',
        url: `/api/inspection-plans/${plan.id}/approve`,
        payload: { version: 1 },
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', version: 2 });
      const again = await t.as('admin', {
        method: 'POST',
        url: `/api/inspection-plans/${plan.id}/approve`,
        payload: { version: 1 },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details.currentVersion).toBe(2);
      const published = await t.as('staff', {
        method: 'POST',
        url: `/api/inspection-plans/${plan.id}/publish`,
        payload: { version: 2 },
      });
      expect(published.json().status).toBe('published');
      const progress = await t.as('leader', { method: 'GET', url: `/api/inspection-plans/${plan.id}/progress` });
      expect(progress.json().total).toMatchObject({ planned: 18, done: 0, rate: 0 });
    });
  });

  describe('双随机 draws', () => {
    let drawId: number;

    it('draws with a recorded seed and pools hash, never a recused inspector, teams of at least two', async () => {
      // insp1 declared a conflict with A; the expert works for A.
      const conflict = await t.as('admin', {
        method: 'POST',
        url: `/api/inspectors/${w.pool.insp[0]}/conflicts`,
        payload: { enterpriseId: w.enterprises.supervisedByA, kind: 'declared', note: '亲属在该企业任职' },
      });
      expect(conflict.statusCode).toBe(200);
      let previous = new Set<string>();
      for (let round = 0; round < 4; round++) {
        // The first round takes one expert per team; there is one expert, so later rounds (where the expert's last
        // pairs are recused) take none.
        const res = await t.as('admin', {
          method: 'POST',
          url: '/api/inspection-draws',
          payload: {
            title: `2026年第${round + 1}次双随机抽查`,
            matterId: w.matterId,
            inspectedOn: '2026-11-20',
            targetCount: 8,
            teamSize: 2,
            expertsPerTeam: round === 0 ? 1 : 0,
          },
        });
        expect(res.statusCode).toBe(201);
        const draw = res.json();
        drawId = draw.id;
        expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
        expect(draw.poolsHash).toMatch(/^[0-9a-f]{64}$/);
        const pairs = new Set<string>();
        for (const team of draw.selected) {
          expect(team.inspectorIds.length).toBeGreaterThanOrEqual(2);
          expect(team.inspectionId).toEqual(expect.any(Number));
          if (team.targetId === w.enterprises.supervisedByA) {
            expect(team.inspectorIds).not.toContain(w.pool.insp[0]);
            expect(team.expertIds).not.toContain(w.pool.expert);
          }
          for (const id of [...team.inspectorIds, ...team.expertIds]) {
            expect(previous.has(`${id}:${team.targetId}`)).toBe(false);
            pairs.add(`${id}:${team.targetId}`);
          }
        }
        previous = pairs;
        if (round === 0) {
          // The only expert works for A: A cannot be staffed in the first round, every other one is.
          expect(draw.unstaffed).toEqual([w.enterprises.supervisedByA]);
          expect(draw.selected).toHaveLength(7);
        }
        for (const id of draw.unstaffed) expect(id).toBe(w.enterprises.supervisedByA);
      }
    });

    it('verifies: reproduced from the seed; the same record re-run outside this database; a changed pool is not', {
      timeout: 180_000,
    }, async () => {
      const ok = await t.as('dept_a', { method: 'GET', url: `/api/inspection-draws/${drawId}/verify` });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ drawId, reproduced: true, problems: [] });
      // Anyone with the published seed and pools re-runs it without the database.
      const pools = (await t.as('leader', { method: 'GET', url: `/api/inspection-draws/${drawId}/pools` })).json();
      const detail = (await t.as('leader', { method: 'GET', url: `/api/inspection-draws/${drawId}` })).json();
      const offline = verifyStoredDraw({
        id: drawId,
        seed: pools.seed,
        pools_hash: detail.poolsHash,
        pools: JSON.stringify(pools.pools),
        result: JSON.stringify({
          selected: detail.selected.map((s: { targetId: number; inspectorIds: number[]; expertIds: number[] }) => ({
            targetId: s.targetId,
            inspectorIds: s.inspectorIds,
            expertIds: s.expertIds,
          })),
        }),
      });
      expect(offline.reproduced).toBe(true);

      const viaCli = cli(['draw', 'verify', String(drawId), '--json'], test.url);
      expect(viaCli.status).toBe(0);
      const json = JSON.parse(viaCli.stdout);
      expect(json).toMatchObject({ drawId, seed: pools.seed, poolsHash: detail.poolsHash, reproduced: true });
      expect(json.selected).toEqual(
        detail.selected.map((x: { targetId: number; inspectorIds: number[]; expertIds: number[] }) => ({
          targetId: x.targetId,
          inspectorIds: x.inspectorIds,
          expertIds: x.expertIds,
        })),
      );
      expect(json.selected.length).toBeGreaterThanOrEqual(7);

      // Someone edits the stored pool (an inspector's recusal list): the hash no longer matches.
      const tampered = structuredClone(pools.pools);
      tampered.inspectors[0].conflictIds = [];
      await updateDrawPools(test.handle.db, drawId, JSON.stringify(tampered));
      const bad = cli(['draw', 'verify', String(drawId), '--json'], test.url);
      expect(bad.status).toBe(4);
      expect(JSON.parse(bad.stdout).reproduced).toBe(false);
      await updateDrawPools(test.handle.db, drawId, JSON.stringify(pools.pools));
    });

    it('publishes the result for the public portal, with names and no internal ids of people', async () => {
      expect(await listPublishedDrawResults(test.handle.db, t.scope.orgUnitId)).toEqual([]);
      const res = await t.as('admin', { method: 'POST', url: `/api/inspection-draws/${drawId}/publish` });
      expect(res.statusCode).toBe(200);
      const published = await listPublishedDrawResults(test.handle.db, t.scope.orgUnitId);
      expect(published).toHaveLength(1);
      expect(published[0]?.selected[0]?.inspectors.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(published)).not.toContain('inspectorIds');
    });
  });

  describe('inspection records', () => {
    let inspectionId: number;

    it('inspectors see only their assignments; departments their own; the enterprise only its own', async () => {
      const mine = (await w.as('insp2', { method: 'GET', url: '/api/inspections?limit=500' })).json();
      expect(mine.total).toBeGreaterThan(0);
      const all = (await t.as('dept_a', { method: 'GET', url: '/api/inspections?limit=500' })).json();
      expect(mine.total).toBeLessThan(all.total);
      for (const i of mine.inspections) {
        const detail = (await w.as('insp2', { method: 'GET', url: `/api/inspections/${i.id}` })).json();
        expect(detail.team.map((m: { inspectorId: number }) => m.inspectorId)).toContain(w.pool.insp[1]);
      }
      const notMine = all.inspections.find(
        (i: { id: number }) => !mine.inspections.some((m: { id: number }) => m.id === i.id),
      );
      const hidden = await w.as('insp2', { method: 'GET', url: `/api/inspections/${notMine.id}` });
      const missing = await w.as('insp2', { method: 'GET', url: '/api/inspections/999999' });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).toBe(missing.body);
      const b = (await t.as('dept_b', { method: 'GET', url: '/api/inspections?limit=500' })).json();
      const ent = (await t.as('enterprise', { method: 'GET', url: '/api/inspections?limit=500' })).json();
      for (const i of [...b.inspections, ...ent.inspections]) expect(i.enterpriseId).toBe(w.enterprises.supervisedByB);
    });

    it('records an inspection, a checklist, findings with photos (idempotent) as hazards, refusal to sign, numbered documents', async () => {
      const created = await w.as('insp1', {
        method: 'POST',
        url: '/api/inspections',
        payload: {
          enterpriseId: w.enterprises.general[0],
          mode: 'unannounced',
          trigger: 'planned',
          inspectedOn: '2026-11-23',
          matterId: w.matterId,
          inspectorIds: [w.pool.insp[0], w.pool.insp[2]],
        },
      });
      expect(created.statusCode).toBe(201);
      const i = created.json();
      inspectionId = i.id;
      expect(i.checklist).toHaveLength(3);
      const notOnTeam = await w.as('insp2', {
        method: 'POST',
        url: '/api/inspections',
        payload: {
          enterpriseId: w.enterprises.general[0],
          mode: 'joint',
          trigger: 'other',
          inspectedOn: '2026-11-23',
          inspectorIds: [w.pool.insp[0], w.pool.insp[2]],
        },
      });
      expect(notOnTeam.statusCode).toBe(400);

      const checklist = i.checklist.map((c: { item: string }, n: number) => ({
        item: c.item,
        result: n === 2 ? 'problem' : 'ok',
        note: '',
      }));
      const patched = await w.as('insp1', {
        method: 'PATCH',
        url: `/api/inspections/${i.id}`,
        payload: { version: 1, checklist, status: 'in_progress' },
      });
      expect(patched.statusCode).toBe(200);
      const stale = await w.as('insp3', {
        method: 'PATCH',
        url: `/api/inspections/${i.id}`,
        payload: { version: 1, summary: 'x' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details.currentVersion).toBe(2);

      const photo = { clientKey: 'photo-0001-aaaa', mime: 'image/png', dataBase64: PNG_BASE64 };
      expect(
        (await w.as('insp1', { method: 'POST', url: `/api/inspections/${i.id}/photos`, payload: photo })).statusCode,
      ).toBe(201);
      expect(
        (await w.as('insp1', { method: 'POST', url: `/api/inspections/${i.id}/photos`, payload: photo })).statusCode,
      ).toBe(200);
      const notPng = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/photos`,
        payload: { ...photo, clientKey: 'photo-0002-bbbb', dataBase64: Buffer.from('hello').toString('base64') },
      });
      expect(notPng.statusCode).toBe(415);
      const finding = {
        clientKey: 'finding-0001-aaaa',
        item: '隐患排查治理制度',
        description: '未建立隐患排查治理台账',
        place: '安全管理部',
        level: 'general',
        photoKeys: ['photo-0001-aaaa'],
      };
      const f1 = await w.as('insp1', { method: 'POST', url: `/api/inspections/${i.id}/findings`, payload: finding });
      expect(f1.statusCode).toBe(201);
      expect(f1.json().hazardId).toEqual(expect.any(Number));
      const f2 = await w.as('insp1', { method: 'POST', url: `/api/inspections/${i.id}/findings`, payload: finding });
      expect(f2.statusCode).toBe(200);
      expect(f2.json().id).toBe(f1.json().id);
      const majorWithoutBasis = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/findings`,
        payload: { ...finding, clientKey: 'finding-0002-bbbb', item: '', level: 'major', photoKeys: [] },
      });
      expect(majorWithoutBasis.statusCode).toBe(400);
      const hazards = (
        await t.as('admin', { method: 'GET', url: `/api/hazards?enterpriseId=${w.enterprises.general[0]}` })
      ).json();
      expect(hazards.total).toBe(1);
      expect(hazards.items[0]).toMatchObject({
        id: f1.json().hazardId,
        channel: 'enforcement',
        description: finding.description,
      });
      const photoBytes = await w.as('insp1', { method: 'GET', url: `/api/inspections/${i.id}/photos/photo-0001-aaaa` });
      expect(photoBytes.headers['content-type']).toBe('image/png');
      // A JPEG from a phone: its EXIF with GPS, XMP and comment are gone before it is stored.
      const gps = readFileSync(join(import.meta.dirname, 'files/gps-exif.jpg'));
      const jpeg = { clientKey: 'photo-0003-cccc', mime: 'image/jpeg', dataBase64: gps.toString('base64') };
      const posted = await w.as('insp1', { method: 'POST', url: `/api/inspections/${i.id}/photos`, payload: jpeg });
      expect(posted.statusCode).toBe(201);
      const kept = await w.as('insp1', { method: 'GET', url: `/api/inspections/${i.id}/photos/photo-0003-cccc` });
      expect(kept.statusCode).toBe(200);
      expect(kept.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
      for (const gone of ['DubanTestCam', 'GPSLatitude', '39.9075N'])
        expect(kept.rawPayload.includes(gone)).toBe(false);

      const early = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/complete`,
        payload: { version: 2, orderDueOn: '2026-12-10' },
      });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.message).toContain('签字');
      const refused = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/sign`,
        payload: { version: 2, outcome: 'refused', refusalNote: '企业负责人拒绝签字，检查人员二人在场见证' },
      });
      expect(refused.json()).toMatchObject({ signature: 'refused', version: 3 });
      const noDue = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/complete`,
        payload: { version: 3 },
      });
      expect(noDue.statusCode).toBe(400);
      const done = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/complete`,
        payload: { version: 3, orderDueOn: '2026-12-10' },
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'completed',
        recordNo: '检记〔2026〕0001号',
        orderNo: '责改〔2026〕0001号',
      });
      const afterDone = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${i.id}/findings`,
        payload: { ...finding, clientKey: 'finding-0003-cccc' },
      });
      expect(afterDone.statusCode).toBe(409);
      // Completed: no edit, no signature, no second completion, even at the current version.
      const version = done.json().version as number;
      for (const [method, url, payload] of [
        ['PATCH', `/api/inspections/${i.id}`, { version, summary: '补充说明' }],
        ['POST', `/api/inspections/${i.id}/sign`, { version, outcome: 'signed', signedBy: '王经理' }],
        ['POST', `/api/inspections/${i.id}/complete`, { version, orderDueOn: '2026-12-10' }],
      ] as const) {
        const res = await w.as('insp1', { method, url, payload });
        expect(res.statusCode, url).toBe(409);
        expect(res.json().error.message).toContain('检查已办结');
      }

      const docx = await w.as('insp1', { method: 'GET', url: `/api/inspections/${i.id}/documents/record?format=docx` });
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const pdf = await t.as('leader', { method: 'GET', url: `/api/inspections/${i.id}/documents/order?format=pdf` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    });

    it('gives the phone its day pack: assignments of the day with checklists and the enterprise’s open hazards', async () => {
      const day = (await w.as('insp1', { method: 'GET', url: '/api/inspections/field-day?date=2026-11-23' })).json();
      expect(day.inspections.map((i: { id: number }) => i.id)).toEqual([inspectionId]);
      expect(day.openHazards[0].hazards).toHaveLength(1);
      const other = (await w.as('insp4', { method: 'GET', url: '/api/inspections/field-day?date=2026-11-23' })).json();
      expect(other.inspections).toEqual([]);
    });

    it('enforcement: amounts, reason codes, the 7-working-day publication deadline, the closure alert', async () => {
      const noAmount = await w.as('insp1', {
        method: 'POST',
        url: '/api/enforcement-actions',
        payload: {
          enterpriseId: w.enterprises.general[0],
          kind: 'fine',
          decidedOn: '2026-11-24',
          decisionNo: '应急罚〔2026〕1号',
          legalBasis: '安全生产法第九十七条',
        },
      });
      expect(noAmount.statusCode).toBe(400);
      expect(noAmount.json().error.details[0].path).toBe('amountYuan');
      const fine = await w.as('insp1', {
        method: 'POST',
        url: '/api/enforcement-actions',
        payload: {
          inspectionId,
          enterpriseId: w.enterprises.general[0],
          kind: 'fine',
          amountYuan: 20000,
          decidedOn: '2026-11-24',
          decisionNo: '应急罚〔2026〕1号',
          legalBasis: '安全生产法第九十七条',
        },
      });
      expect(fine.statusCode).toBe(201);
      const calendar = await loadWorkdayCalendar(test.handle.db);
      expect(fine.json()).toMatchObject({
        amountYuan: 20000,
        publishBy: calendar.addWorkingDays('2026-11-24', 7),
        closureAlert: null,
      });
      const zero = await w.as('insp1', {
        method: 'POST',
        url: '/api/enforcement-actions',
        payload: { enterpriseId: w.enterprises.general[1], kind: 'zero_penalty', decidedOn: '2026-11-24' },
      });
      expect(zero.statusCode).toBe(400);
      const zeroOk = await w.as('insp1', {
        method: 'POST',
        url: '/api/enforcement-actions',
        payload: {
          enterpriseId: w.enterprises.general[1],
          kind: 'zero_penalty',
          zeroPenaltyReason: 'first_violation',
          decidedOn: '2026-11-24',
        },
      });
      expect(zeroOk.statusCode).toBe(201);
      expect(zeroOk.json().publishBy).toBeNull();

      // A major-hazard enterprise penalised three times within 180 days.
      const penalise = (decidedOn: string, n: number) =>
        t.as('admin', {
          method: 'POST',
          url: '/api/enforcement-actions',
          payload: {
            enterpriseId: w.enterprises.general[2],
            kind: n === 3 ? 'suspension' : 'warning',
            decidedOn,
            decisionNo: `应急罚〔2026〕${10 + n}号`,
            legalBasis: '安全生产法第一百零二条',
            majorHazard: true,
          },
        });
      expect((await penalise('2026-03-01', 1)).json().closureAlert).toBeNull();
      expect((await penalise('2026-05-01', 2)).json().closureAlert).toBeNull();
      const third = (await penalise('2026-08-27', 3)).json();
      expect(third.closureAlert).toMatchObject({ rule: '3-in-180-days', from: '2026-03-01', to: '2026-08-27' });
      const alerts = (await t.as('leader', { method: 'GET', url: '/api/enforcement-alerts' })).json();
      expect(alerts.alerts.map((a: { enterpriseId: number }) => a.enterpriseId)).toEqual([w.enterprises.general[2]]);

      const list = (await t.as('admin', { method: 'GET', url: '/api/enforcement-actions?year=2026' })).json();
      const firstWarning = list.actions.find((a: { decidedOn: string }) => a.decidedOn === '2026-03-01');
      expect(firstWarning.publicationOverdue).toBe(true);
      const pub = await t.as('admin', {
        method: 'POST',
        url: `/api/enforcement-actions/${fine.json().id}/publish`,
        payload: { publishedOn: '2026-11-26' },
      });
      expect(pub.json()).toMatchObject({ publishedOn: '2026-11-26', publicationOverdue: false });
      const twice = await t.as('admin', {
        method: 'POST',
        url: `/api/enforcement-actions/${fine.json().id}/publish`,
        payload: { publishedOn: '2026-11-27' },
      });
      expect(twice.statusCode).toBe(409);
      const publicList = await listPublishedPenalties(test.handle.db, t.scope.orgUnitId, 2026);
      expect(publicList).toEqual([
        expect.objectContaining({
          kindLabel: '罚款',
          amountYuan: 20000,
          decisionNo: '应急罚〔2026〕1号',
          publishedOn: '2026-11-26',
        }),
      ]);
      const own = (await t.as('enterprise', { method: 'GET', url: '/api/enforcement-actions' })).json();
      expect(own.actions).toEqual([]);
    });

    it('statistics equal the hand count, in JSON, on the command line and as .xlsx', { timeout: 120_000 }, async () => {
      // By hand: one completed inspection (general[0], planned, 1 general finding, record + order numbered),
      // penalties: fine 20,000 (linked to it), warnings ×2 and a suspension (general[2]); one zero penalty.
      const stats = (await t.as('admin', { method: 'GET', url: '/api/inspection-stats?year=2026' })).json();
      expect(stats).toMatchObject({
        inspections: 1,
        enterprisesInspected: 1,
        plannedInspections: 1,
        triggeredInspections: 0,
        hazardsFound: 1,
        majorHazardsFound: 0,
        hazardsPer1000Inspections: 1000,
        penalties: 4,
        fineTotal: 20000,
        suspensions: 1,
        zeroPenalty: 1,
        zeroPenaltyRatio: 0,
        documents: 2 + 4,
        flagged: false,
        enterprisesSupervised: 8,
      });
      const depA = stats.byDepartment.find((d: { departmentId: number }) => d.departmentId === w.enterprises.depA);
      expect(depA).toMatchObject({ inspections: 1, penalties: 1, fineTotal: 20000 });
      const office = stats.byDepartment.find((d: { departmentId: number | null }) => d.departmentId === null);
      expect(office).toMatchObject({ inspections: 0, penalties: 3, suspensions: 1 });
      const deptView = (await t.as('dept_b', { method: 'GET', url: '/api/inspection-stats?year=2026' })).json();
      expect(deptView.inspections).toBe(0);

      const viaCli = cli(['inspections', 'stats', '--year', '2026', '--json'], test.url);
      expect(viaCli.status).toBe(0);
      const json = JSON.parse(viaCli.stdout);
      expect(Object.keys(json).slice(0, 7)).toEqual([
        'inspections',
        'enterprisesInspected',
        'hazardsFound',
        'penalties',
        'fineTotal',
        'zeroPenaltyRatio',
        'byDepartment',
      ]);
      expect(json).toMatchObject({
        inspections: 1,
        enterprisesInspected: 1,
        hazardsFound: 1,
        penalties: 4,
        fineTotal: 20000,
        zeroPenaltyRatio: 0,
      });

      const xlsx = await t.as('leader', { method: 'GET', url: '/api/inspection-stats/export?year=2026' });
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('按部门');
      expect(ws?.getCell(3, 2).value).toBe('部门');
      expect(ws?.getCell(3, 5).value).toBe('检查次数');
      const totalRow = ws?.getRows(4, ws.rowCount)?.find((r) => r.getCell(2).value === '合计');
      expect(totalRow?.getCell(5).value).toBe(1);
      expect(totalRow?.getCell(13).value).toBe(20000);
    });
  });

  describe('draw exclusions', () => {
    it('marks recently penalised and already inspected enterprises in the published pool and never draws them', async () => {
      const res = await t.as('admin', {
        method: 'POST',
        url: '/api/inspection-draws',
        payload: {
          title: '排除近期已处罚、已检查企业',
          inspectedOn: '2026-11-30',
          targetCount: 8,
          teamSize: 2,
          exclusions: { penalisedWithinDays: 365, inspectedSince: '2026-11-01' },
        },
      });
      expect(res.statusCode).toBe(201);
      const draw = res.json();
      const pools = (await t.as('admin', { method: 'GET', url: `/api/inspection-draws/${draw.id}/pools` })).json()
        .pools;
      const reason = (id: number) => pools.targets.find((x: { id: number }) => x.id === id)?.excluded;
      // general[0]: fined (and inspected, completed); general[2]: three penalties; general[1]: only a zero penalty.
      expect(reason(w.enterprises.general[0] as number)).toBe('recently_penalised');
      expect(reason(w.enterprises.general[2] as number)).toBe('recently_penalised');
      expect(reason(w.enterprises.general[1] as number)).toBeNull();
      const drawn = draw.selected.map((x: { targetId: number }) => x.targetId);
      expect(drawn).not.toContain(w.enterprises.general[0]);
      expect(drawn).not.toContain(w.enterprises.general[2]);
      expect(draw.excluded).toBe(2);
      expect(
        (await t.as('admin', { method: 'GET', url: `/api/inspection-draws/${draw.id}/verify` })).json().reproduced,
      ).toBe(true);
    });
  });

  describe('expert pool', () => {
    it('warns once per certificate stage; draws experts with recusal; keeps evaluations', async () => {
      const second = await t.as('admin', {
        method: 'POST',
        url: '/api/experts',
        payload: { name: '专家乙', title: '注册安全工程师', specialties: ['machinery'], employerName: '某设计院' },
      });
      const id = second.json().id;
      const cert = await t.as('admin', {
        method: 'POST',
        url: `/api/experts/${id}/certificates`,
        payload: { name: '注册安全工程师执业证', number: 'ZA-1', expiresOn: '2026-12-20' },
      });
      expect(cert.statusCode).toBe(200);
      const now = new Date('2026-12-01T02:00:00Z');
      const first = await scanCertificateWarnings(test.handle.db, t.scope.orgUnitId, now);
      expect(first).toEqual([expect.objectContaining({ expertId: id, stage: 'due_30', expiresOn: '2026-12-20' })]);
      expect(await scanCertificateWarnings(test.handle.db, t.scope.orgUnitId, now)).toEqual([]);
      const expired = await scanCertificateWarnings(
        test.handle.db,
        t.scope.orgUnitId,
        new Date('2026-12-21T02:00:00Z'),
      );
      expect(expired.map((x) => x.stage)).toEqual(['expired']);
      // Each claimed warning reached the office accounts as an in-app notice, once.
      const notices = await test.handle.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['users.username', 'notifications.kind', 'notifications.title'])
        .where('notifications.kind', 'like', 'expert_certificate_%')
        .execute();
      const adminNotices = notices.filter((n) => n.username === 'admin');
      expect(adminNotices.map((n) => n.kind).sort()).toEqual([
        'expert_certificate_due_30',
        'expert_certificate_expired',
      ]);
      expect(adminNotices[0]?.title).toContain('专家乙');
      expect(notices.some((n) => n.username === 'dept_a' || n.username === 'enterprise')).toBe(false);

      const draw = await t.as('admin', {
        method: 'POST',
        url: '/api/experts/draw',
        payload: { enterpriseId: w.enterprises.supervisedByA, specialty: 'machinery', count: 1, purpose: 'acceptance' },
      });
      expect(draw.statusCode).toBe(200);
      expect(draw.json().expertIds).toEqual([id]);
      expect(draw.json().recused).toEqual([{ expertId: w.pool.expertId, reason: 'employer' }]);
      // The same pair is not drawn again next time: nobody left.
      const again = await t.as('admin', {
        method: 'POST',
        url: '/api/experts/draw',
        payload: { enterpriseId: w.enterprises.supervisedByA, specialty: 'machinery', count: 1, purpose: 'acceptance' },
      });
      expect(again.statusCode).toBe(409);
      const detail = (await t.as('dept_a', { method: 'GET', url: `/api/experts/${id}` })).json();
      const engagementId = detail.engagements[0].id;
      const evaluated = await t.as('admin', {
        method: 'POST',
        url: `/api/expert-engagements/${engagementId}/evaluation`,
        payload: { score: 4, evaluation: '意见专业' },
      });
      expect(evaluated.json().averageScore).toBe(4);
      const stale = await t.as('admin', {
        method: 'PATCH',
        url: `/api/experts/${id}`,
        payload: { version: 9, available: false },
      });
      expect(stale.statusCode).toBe(409);
      expect((await t.as('enterprise', { method: 'GET', url: '/api/experts' })).statusCode).toBe(403);
    });

    it('keeps the audit chain intact', async () => {
      expect((await verifyAuditChain(test.handle.db)).ok).toBe(true);
    });
  });
});

describe('inspections helpers', () => {
  it('exports the public-portal functions by their agreed names', () => {
    expect(typeof listPublishedDrawResults).toBe('function');
    expect(typeof listPublishedPenalties).toBe('function');
  });
});
