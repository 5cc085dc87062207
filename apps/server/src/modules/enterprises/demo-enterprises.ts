import type { EnterpriseInput, SupervisorRole } from '@duban/shared/contracts/enterprises';
import { creditCodeCheckChar } from '@duban/shared/credit-code';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartmentByName } from '../departments/departments.service.ts';
import { resolveEnterpriseInput, writeRelatedAndVersion } from './enterprise-writes.ts';
import { countEnterprises, insertEnterprise, selectCatalogue } from './enterprises.repository.ts';

/**
 * The demo set loaded on a fresh database (DUBAN_DEMO=0 skips it): 40 enterprises across the catalogue's industries
 * and special tags, each marked demo = 1 and named “…（演示）”, with supervising departments from the demo zone's
 * registry, so the registry, the responsibility list and the hazard screens tell a story on first start.
 * Names, people and phone numbers are invented; credit codes are well-formed (valid check character) but fictitious.
 */
interface DemoSpec {
  name: string;
  industry: string;
  tags?: string[];
  locality: string;
  risk: 'red' | 'orange' | 'yellow' | 'blue';
  level?: '一级' | '二级' | '三级' | '小微';
  status?: 'suspended' | 'closed';
  employees: number;
}

const SPECS: DemoSpec[] = [
  {
    name: '忻州华晋钢铁有限公司',
    industry: 'metallurgy',
    tags: ['metal_smelting', 'confined_space'],
    locality: '工业园区',
    risk: 'red',
    level: '二级',
    employees: 860,
  },
  {
    name: '忻州宏达特钢铸造有限公司',
    industry: 'metallurgy',
    tags: ['metal_smelting'],
    locality: '工业园区',
    risk: 'orange',
    level: '三级',
    employees: 240,
  },
  {
    name: '忻州晋北轧钢有限公司',
    industry: 'metallurgy',
    locality: '长征街道',
    risk: 'orange',
    level: '三级',
    employees: 180,
    status: 'suspended',
  },
  {
    name: '忻州恒润铝业有限公司',
    industry: 'nonferrous',
    tags: ['aluminium_deep_well', 'dust_explosion'],
    locality: '工业园区',
    risk: 'red',
    level: '二级',
    employees: 420,
  },
  {
    name: '忻州金鼎铜材有限公司',
    industry: 'nonferrous',
    tags: ['metal_smelting'],
    locality: '工业园区',
    risk: 'orange',
    level: '三级',
    employees: 150,
  },
  {
    name: '忻州鑫源镁合金有限公司',
    industry: 'nonferrous',
    tags: ['dust_explosion'],
    locality: '长征街道',
    risk: 'orange',
    level: '三级',
    employees: 96,
  },
  {
    name: '忻州晋建水泥有限公司',
    industry: 'building_materials',
    tags: ['confined_space'],
    locality: '工业园区',
    risk: 'orange',
    level: '二级',
    employees: 310,
  },
  {
    name: '忻州华美玻璃制品有限公司',
    industry: 'building_materials',
    locality: '秀容街道',
    risk: 'yellow',
    level: '三级',
    employees: 120,
  },
  {
    name: '忻州恒通新型建材有限公司',
    industry: 'building_materials',
    tags: ['dust_explosion'],
    locality: '长征街道',
    risk: 'yellow',
    level: '三级',
    employees: 75,
  },
  {
    name: '忻州砼联商品混凝土有限公司',
    industry: 'building_materials',
    locality: '云中街道',
    risk: 'yellow',
    level: '小微',
    employees: 48,
  },
  {
    name: '忻州重工机械制造有限公司',
    industry: 'machinery',
    tags: ['dust_explosion'],
    locality: '工业园区',
    risk: 'orange',
    level: '二级',
    employees: 520,
  },
  {
    name: '忻州精工汽车零部件有限公司',
    industry: 'machinery',
    tags: ['dust_explosion'],
    locality: '工业园区',
    risk: 'yellow',
    level: '三级',
    employees: 260,
  },
  {
    name: '忻州晋茂法兰锻造有限公司',
    industry: 'machinery',
    locality: '长征街道',
    risk: 'yellow',
    level: '三级',
    employees: 140,
  },
  {
    name: '忻州宏远农机装备有限公司',
    industry: 'machinery',
    locality: '秀容街道',
    risk: 'blue',
    level: '小微',
    employees: 60,
  },
  {
    name: '忻州北方风电设备有限公司',
    industry: 'machinery',
    tags: ['confined_space'],
    locality: '工业园区',
    risk: 'yellow',
    level: '三级',
    employees: 190,
  },
  {
    name: '忻州光华五金制品有限公司',
    industry: 'machinery',
    locality: '云中街道',
    risk: 'blue',
    level: '小微',
    employees: 35,
    status: 'closed',
  },
  {
    name: '忻州雁门杂粮食品有限公司',
    industry: 'light_industry',
    tags: ['dust_explosion'],
    locality: '秀容街道',
    risk: 'yellow',
    level: '三级',
    employees: 110,
  },
  {
    name: '忻州晋味冷链食品有限公司',
    industry: 'light_industry',
    tags: ['ammonia_refrigeration', 'confined_space'],
    locality: '工业园区',
    risk: 'orange',
    level: '三级',
    employees: 85,
  },
  {
    name: '忻州五台山酒业有限公司',
    industry: 'light_industry',
    tags: ['confined_space'],
    locality: '长征街道',
    risk: 'yellow',
    level: '三级',
    employees: 230,
  },
  {
    name: '忻州华彩纸业包装有限公司',
    industry: 'light_industry',
    tags: ['dust_explosion'],
    locality: '云中街道',
    risk: 'blue',
    level: '小微',
    employees: 40,
  },
  {
    name: '忻州晋北纺织有限公司',
    industry: 'textile',
    tags: ['dust_explosion'],
    locality: '秀容街道',
    risk: 'yellow',
    level: '三级',
    employees: 300,
  },
  {
    name: '忻州雁绒羊绒制品有限公司',
    industry: 'textile',
    locality: '长征街道',
    risk: 'blue',
    level: '小微',
    employees: 55,
  },
  {
    name: '山西烟草忻州开发区物流中心',
    industry: 'tobacco',
    locality: '工业园区',
    risk: 'blue',
    level: '二级',
    employees: 70,
  },
  { name: '忻州万达商贸城有限公司', industry: 'commerce', locality: '云中街道', risk: 'yellow', employees: 400 },
  {
    name: '忻州晋福物流仓储有限公司',
    industry: 'commerce',
    tags: ['ammonia_refrigeration'],
    locality: '长征街道',
    risk: 'orange',
    level: '三级',
    employees: 90,
  },
  { name: '忻州惠民超市连锁有限公司', industry: 'commerce', locality: '秀容街道', risk: 'blue', employees: 150 },
  {
    name: '忻州晋化化工有限公司',
    industry: 'hazardous_chemicals',
    tags: ['major_hazard_source', 'confined_space'],
    locality: '工业园区',
    risk: 'red',
    level: '二级',
    employees: 380,
  },
  {
    name: '忻州华润液化气储配有限公司',
    industry: 'hazardous_chemicals',
    tags: ['major_hazard_source'],
    locality: '工业园区',
    risk: 'red',
    level: '三级',
    employees: 65,
  },
  {
    name: '忻州安达危险品运输有限公司',
    industry: 'hazardous_chemicals',
    locality: '长征街道',
    risk: 'orange',
    level: '三级',
    employees: 120,
  },
  {
    name: '忻州中石化加油站（开发区站）',
    industry: 'hazardous_chemicals',
    locality: '云中街道',
    risk: 'orange',
    level: '三级',
    employees: 18,
  },
  {
    name: '忻州晋新精细化工有限公司',
    industry: 'chemical',
    tags: ['major_hazard_source'],
    locality: '工业园区',
    risk: 'red',
    level: '三级',
    employees: 140,
    status: 'suspended',
  },
  {
    name: '忻州吉庆烟花爆竹批发有限公司',
    industry: 'fireworks',
    locality: '工业园区',
    risk: 'red',
    level: '三级',
    employees: 22,
  },
  {
    name: '忻州红火烟花零售店',
    industry: 'fireworks',
    locality: '秀容街道',
    risk: 'orange',
    level: '小微',
    employees: 4,
    status: 'closed',
  },
  {
    name: '忻州城建集团第三工程有限公司',
    industry: 'construction',
    tags: ['confined_space'],
    locality: '云中街道',
    risk: 'orange',
    level: '三级',
    employees: 650,
  },
  {
    name: '忻州宏基建筑安装有限公司',
    industry: 'construction',
    locality: '秀容街道',
    risk: 'orange',
    level: '三级',
    employees: 210,
  },
  {
    name: '忻州开发区综合管廊项目部',
    industry: 'construction',
    tags: ['confined_space'],
    locality: '工业园区',
    risk: 'orange',
    employees: 160,
  },
  {
    name: '忻州华新燃气有限公司',
    industry: 'town_gas',
    tags: ['major_hazard_source', 'confined_space'],
    locality: '长征街道',
    risk: 'red',
    level: '二级',
    employees: 240,
  },
  {
    name: '忻州晋能天然气加气站',
    industry: 'town_gas',
    locality: '工业园区',
    risk: 'orange',
    level: '三级',
    employees: 16,
  },
  {
    name: '忻州开发区热力有限公司',
    industry: 'special_equipment',
    tags: ['confined_space'],
    locality: '云中街道',
    risk: 'yellow',
    level: '三级',
    employees: 130,
  },
  {
    name: '忻州晋北起重吊装有限公司',
    industry: 'special_equipment',
    locality: '工业园区',
    risk: 'yellow',
    level: '小微',
    employees: 30,
  },
];

/** The department supervising each industry (行业监管) in the demo zone; 应急管理部 supervises all comprehensively. */
const INDUSTRY_DEPARTMENT: Record<string, string> = {
  construction: '建设环保管理部',
  town_gas: '建设环保管理部',
  special_equipment: '经济发展部',
  commerce: '经济发展部',
  tobacco: '经济发展部',
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';

/** A fictitious but well-formed 统一社会信用代码 (91 + 140900 + a per-enterprise organisation code). */
export function demoCreditCode(i: number): string {
  const body = `91140900MA0D${String(1000 + i * 37).padStart(5, '0')}`;
  return body + (creditCodeCheckChar(body) as string);
}

function phone(i: number, k: number): string {
  return `1390350${String(i * 3 + k).padStart(4, '0')}`;
}

/** Loads the demo enterprises when the unit has none. Returns how many were created (0 when there were some). */
export async function loadDemoEnterprisesIfEmpty(db: Db, orgUnitId: number, now: Date = new Date()): Promise<number> {
  if ((await countEnterprises(db, orgUnitId)) > 0) return 0;
  const catalogue = await selectCatalogue(db);
  const codes = new Set(catalogue.map((c) => c.code));
  const at = now.toISOString();
  const emergency = await findUnitDepartmentByName(db, orgUnitId, '应急管理部');
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const [i, spec] of SPECS.entries()) {
      const supervisors: { departmentId: number; role: SupervisorRole }[] = [];
      const industryDept = await findUnitDepartmentByName(
        trx,
        orgUnitId,
        INDUSTRY_DEPARTMENT[spec.industry] ?? '应急管理部',
      );
      if (industryDept) supervisors.push({ departmentId: industryDept.id, role: 'industry' });
      if (emergency && industryDept?.id !== emergency.id)
        supervisors.push({ departmentId: emergency.id, role: 'comprehensive' });
      const s = (k: number) => SURNAMES.charAt((i * 3 + k) % SURNAMES.length);
      const input: EnterpriseInput = {
        name: `${spec.name}（演示）`,
        creditCode: demoCreditCode(i),
        address: `忻州经济开发区${spec.locality}${['建设北路', '云中南路', '长征西街', '园区大道'][i % 4]}${10 + i * 7}号`,
        locality: spec.locality,
        industries: [spec.industry],
        tags: (spec.tags ?? []).filter((t) => codes.has(t)),
        highRisk: ['metallurgy', 'nonferrous', 'hazardous_chemicals', 'chemical', 'fireworks', 'town_gas'].includes(
          spec.industry,
        ),
        standardizationLevel: spec.level ?? null,
        riskClass: spec.risk,
        employees: spec.employees,
        principal: { name: `${s(0)}某某`, phone: phone(i, 0) },
        controller: { name: `${s(1)}某`, phone: phone(i, 1) },
        safetyManager: { name: `${s(2)}某某`, phone: phone(i, 2) },
        openedOn: `${2008 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        note: '演示数据',
        supervisors,
      };
      const resolved = await resolveEnterpriseInput(trx, orgUnitId, input, catalogue);
      const status = spec.status ?? 'operating';
      const row = await insertEnterprise(
        trx,
        orgUnitId,
        {
          ...resolved.values,
          status,
          suspended_on: status === 'suspended' ? '2026-09-01' : null,
          closed_on: status === 'closed' ? '2026-06-30' : null,
        },
        at,
        true,
      );
      const view = await writeRelatedAndVersion(trx, row, resolved, 'demo', 'system', at);
      await appendAudit(
        trx,
        { orgUnitId, actor: 'system', action: 'enterprise.demo', entity: 'enterprise', entityId: row.id, after: view },
        now,
      );
      created++;
    }
    return created;
  });
}
