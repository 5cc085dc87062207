import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { HAZARD_CHANNELS, type HazardChannel, type HazardStatus } from '@duban/shared/hazards/hazard-workflow';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartmentByName } from '../departments/departments.service.ts';
import { listStandardItems, listStandards } from './hazard-standards.repository.ts';
import {
  countHazards,
  insertAcceptance,
  insertEvent,
  insertHazard,
  insertListing,
  selectDemoEnterprises,
  updateHazard,
} from './hazards.repository.ts';

/**
 * The demo hazards loaded after the demo enterprises on a fresh database (DUBAN_DEMO=0 skips both): about 150
 * hazards over every channel, level and state, including the 2023 stock (mostly cleared, a few still open),
 * listed major hazards with numbered notices, a failed acceptance, overdue ones with a 挂账 explanation.
 * Deterministic (a fixed-seed generator), marked demo = 1, timelines dated as the story goes.
 */
const GENERAL = [
  ['配电室', '配电箱箱门缺失，带电部位裸露'],
  ['生产车间', '安全出口被货物堵塞'],
  ['仓库', '灭火器压力不足，未按期检查'],
  ['有限空间入口', '未设置明显的安全警示标志'],
  ['机加工车间', '砂轮机防护罩缺失'],
  ['厂区道路', '叉车司机未持证上岗'],
  ['除尘系统', '除尘器积尘未及时清理'],
  ['办公楼', '疏散指示标志损坏'],
  ['锅炉房', '压力表超过检定有效期'],
  ['危化品库', '安全周知卡未张贴'],
  ['冷库', '氨气浓度报警仪未定期校验'],
  ['施工现场', '临边防护栏杆不完整'],
] as const;

const MAJOR: { industry: string[]; standard: string; article: string; place: string; text: string }[] = [
  {
    industry: [],
    standard: 'gongmao-2023',
    article: '第十一条',
    place: '抛光车间除尘系统',
    text: '干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施',
  },
  {
    industry: [],
    standard: 'gongmao-2023',
    article: '第十三条',
    place: '污水池',
    text: '未对有限空间进行辨识、建立安全管理台账，且未设置安全警示标志',
  },
  {
    industry: ['hazardous_chemicals', 'chemical'],
    standard: 'huagong-weihua-2017',
    article: '化工和危险化学品',
    place: '储罐区',
    text: '构成二级重大危险源的罐区未实现紧急切断功能',
  },
  {
    industry: [],
    standard: 'gongmao-2023',
    article: '第三条',
    place: '检修现场',
    text: '未对承包单位的安全生产工作统一协调、管理',
  },
  {
    industry: [],
    standard: 'gb35181-2017',
    article: '6',
    place: '员工宿舍',
    text: '人员密集场所的居住场所采用芯材燃烧性能低于A级的彩钢夹芯板搭建',
  },
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATES_NEW: HazardStatus[] = [
  'reported',
  'confirmed',
  'rectifying',
  'rectifying',
  'acceptance_requested',
  'accepted',
  'closed',
  'closed',
  'closed',
  'closed',
];

export async function loadDemoHazardsIfEmpty(
  db: Db,
  orgUnitId: number,
  now = new Date(),
  count = 150,
): Promise<number> {
  if ((await countHazards(db, orgUnitId)) > 0) return 0;
  const enterprises = await selectDemoEnterprises(db, orgUnitId);
  if (enterprises.length === 0) return 0;
  const [standards, items] = await Promise.all([listStandards(db), listStandardItems(db)]);
  const dept = await findUnitDepartmentByName(db, orgUnitId, '应急管理部');
  const today = todayInShanghai(now);
  const r = rng(20241);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  return db.transaction().execute(async (trx) => {
    const noticeSeq = new Map<number, number>();
    let n = 0;
    for (let i = 0; i < count; i += 1) {
      const ent = enterprises[i % enterprises.length] as { id: number; industry: string | null };
      const major = i % 8 === 0;
      const stock = i % 5 === 0; // about 30 hazards found in 2023 or earlier
      const channel: HazardChannel = major
        ? pick(['department_inspection', 'enforcement', 'expert', 'assigned'] as const)
        : (HAZARD_CHANNELS[i % HAZARD_CHANNELS.length] as HazardChannel);
      const year = stock ? (i % 3 === 0 ? 2022 : 2023) : pick([2024, 2024, 2025, 2025, 2026]);
      const foundOn = addDays(`${year}-01-05`, Math.floor(r() * 330));
      if (foundOn > today) continue;
      let status: HazardStatus = stock ? (i % 7 === 0 ? 'rectifying' : 'closed') : pick(STATES_NEW);
      if (!major && status === 'acceptance_requested' && r() < 0.5) status = 'rectifying';
      const m = MAJOR.filter(
        (x) => x.industry.length === 0 || (ent.industry !== null && x.industry.includes(ent.industry)),
      );
      const spec = major ? pick(m) : null;
      const [place, text] = spec ? [spec.place, spec.text] : pick(GENERAL);
      const std = spec ? standards.find((s) => s.code === spec.standard) : undefined;
      const item = std ? items.find((it) => it.standard_id === std.id && it.article === spec?.article) : undefined;
      const at = (d: string) => `${d}T02:00:00.000Z`;
      const limit = addDays(foundOn, major ? 150 : 30);
      const planned = major && status !== 'reported';
      const id = await insertHazard(trx, {
        org_unit_id: orgUnitId,
        enterprise_id: ent.id,
        channel,
        level: major ? 'major' : 'general',
        status: 'reported',
        category: major ? '重大事故隐患' : pick(['用电安全', '消防安全', '设备设施', '作业环境', '安全管理']),
        place,
        description: text,
        found_on: foundOn,
        found_by: channel === 'self_check' ? '企业安全员' : pick(['应急管理部检查组', '专家组', '执法大队']),
        reported_by: null,
        basis_item_id: item?.id ?? null,
        basis_text: spec && !item ? spec.text : '',
        report_current_state: planned ? `${place}${text}，已采取临时管控措施` : null,
        report_severity: planned ? '可能引发火灾爆炸或中毒窒息，整改需停产改造，难度较大' : null,
        report_plan: planned ? '制定专项治理方案，停产改造，聘请专业机构评估' : null,
        plan_responsible: planned ? '企业主要负责人' : null,
        plan_measures: planned ? '停用相关设备，按标准改造并验收' : null,
        plan_funds_yuan: planned ? 50000 + Math.floor(r() * 50) * 10000 : null,
        plan_deadline: planned ? limit : null,
        plan_contingency: planned ? '制定专项应急预案，设置警戒区，每日巡查' : null,
        time_limit: status === 'reported' ? null : limit,
        evaluation_kind:
          major && ['acceptance_requested', 'accepted', 'closed'].includes(status) ? 'third_party' : null,
        evaluation_org:
          major && ['acceptance_requested', 'accepted', 'closed'].includes(status)
            ? '忻州某安全评价有限公司（演示）'
            : null,
        evaluation_summary:
          major && ['acceptance_requested', 'accepted', 'closed'].includes(status)
            ? '整改措施落实到位，达到标准要求'
            : null,
        evaluated_on:
          major && ['acceptance_requested', 'accepted', 'closed'].includes(status) ? addDays(foundOn, 100) : null,
        rectified_on: ['acceptance_requested', 'accepted', 'closed'].includes(status)
          ? addDays(foundOn, major ? 105 : 10)
          : null,
        closed_on: null,
        closed_by: null,
        demo: 1,
        created_at: at(foundOn),
        updated_at: at(foundOn),
      });
      const ev = (kind: string, statusAfter: HazardStatus, d: string, text2 = '') =>
        insertEvent(trx, {
          hazard_id: id,
          kind,
          status_after: statusAfter,
          text: text2,
          data: '{}',
          actor: 'system',
          actor_name: '演示数据',
          at: at(d),
        });
      await ev('report', 'reported', foundOn, text);
      const order: HazardStatus[] = [
        'reported',
        'confirmed',
        'rectifying',
        'acceptance_requested',
        'accepted',
        'closed',
      ];
      const reach = order.indexOf(status);
      if (reach >= 1) await ev('confirm', 'confirmed', addDays(foundOn, 1));
      if (planned) await ev('plan', 'confirmed', addDays(foundOn, 3), '隐患报告和五落实已填报');
      if (reach >= 2) await ev('start_rectification', 'rectifying', addDays(foundOn, 4));
      if (major && reach >= 2 && dept) {
        const y = Number(addDays(foundOn, 5).slice(0, 4));
        const seq = (noticeSeq.get(y) ?? 0) + 1;
        noticeSeq.set(y, seq);
        await insertListing(trx, {
          org_unit_id: orgUnitId,
          hazard_id: id,
          listing_level: i % 16 === 0 ? 'city' : 'zone',
          listing_unit: i % 16 === 0 ? '忻州市安委会' : '开发区安委会',
          supervising_department_id: dept.id,
          listed_on: addDays(foundOn, 5),
          batch_no: `${y}-${Math.ceil(seq / 3)}`,
          notice_no: `督办〔${y}〕${seq}号`,
          notice_year: y,
          notice_seq: seq,
          time_limit: limit,
          requirements: '按治理方案限期整改，整改期间落实临时管控措施',
          created_by: 'system',
          created_at: at(addDays(foundOn, 5)),
        });
        await ev('listing', 'rectifying', addDays(foundOn, 5), `挂牌督办（督办〔${y}〕${seq}号），整改时限：${limit}`);
      }
      if (reach >= 3) {
        if (major && i % 3 === 0) {
          // A failed acceptance first.
          await ev('request_acceptance', 'acceptance_requested', addDays(foundOn, 80));
          await insertAcceptance(trx, {
            hazard_id: id,
            kind: 'acceptance',
            result: 'fail',
            accepted_on: addDays(foundOn, 88),
            acceptors: '应急管理部 验收组',
            experts: JSON.stringify(['王工（演示专家）']),
            reason: '隔爆装置未安装到位',
            recorded_by: 'system',
            created_at: at(addDays(foundOn, 88)),
          });
          await ev('accept_fail', 'rectifying', addDays(foundOn, 88), '验收不通过：隔爆装置未安装到位');
        }
        await ev('request_acceptance', 'acceptance_requested', addDays(foundOn, major ? 106 : 11));
      }
      if (reach >= 4) {
        const d = addDays(foundOn, major ? 115 : 14);
        await insertAcceptance(trx, {
          hazard_id: id,
          kind: 'acceptance',
          result: 'pass',
          accepted_on: d,
          acceptors: major ? '应急管理部 验收组' : '检查人员',
          experts: major ? JSON.stringify(['王工（演示专家）', '刘工（演示专家）']) : '[]',
          reason: '',
          recorded_by: 'system',
          created_at: at(d),
        });
        await ev('accept_pass', 'accepted', d, '验收通过');
      }
      if (status !== 'reported') {
        const closedOn = reach >= 5 ? addDays(foundOn, major ? 118 : 15) : null;
        if (closedOn) await ev('close', 'closed', closedOn, '销号');
        await updateHazard(trx, id, 1, {
          status,
          closed_on: closedOn !== null && closedOn > today ? today : closedOn,
          updated_at: at(closedOn ?? foundOn),
        });
      }
      if (status !== 'closed' && status !== 'accepted' && limit < today && i % 2 === 0) {
        await ev('overdue_explanation', status, addDays(limit, 3), '设备订货周期长，已落实临时管控措施，申请挂账整改');
      }
      n += 1;
    }
    await appendAudit(trx, {
      orgUnitId,
      actor: 'system',
      action: 'hazard.demo',
      entity: 'hazard',
      entityId: null,
      after: { count: n },
    });
    return n;
  });
}
