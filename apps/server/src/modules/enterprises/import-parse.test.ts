import { describe, expect, it } from 'vitest';
import {
  type CatalogueLookupItem,
  matchCatalogue,
  matchImportHeader,
  matchImportHeaderRow,
  readDate,
  readRegistryRow,
  readRiskClass,
  readStandardization,
  readStatus,
  readYesNo,
  splitList,
  twoRowHeader,
} from './import-parse.ts';

const CATALOGUE: CatalogueLookupItem[] = [
  { code: 'metallurgy', name: '冶金', kind: 'industry' },
  { code: 'machinery', name: '机械', kind: 'industry' },
  { code: 'hazardous_chemicals', name: '危险化学品', kind: 'industry' },
  { code: 'town_gas', name: '城镇燃气', kind: 'industry' },
  { code: 'special_equipment', name: '特种设备使用', kind: 'industry' },
  { code: 'dust_explosion', name: '粉尘涉爆', kind: 'tag' },
  { code: 'aluminium_deep_well', name: '铝加工（深井铸造）', kind: 'tag' },
  { code: 'red', name: '重大风险（红）', kind: 'risk_class' },
];

describe('registry import: headers', () => {
  it('takes the longest synonym a header contains', () => {
    expect(matchImportHeader('企业（单位）名称')).toBe('name');
    expect(matchImportHeader('统一社会\n信用代码')).toBe('creditCode');
    expect(matchImportHeader('主要负责人联系电话')).toBe('principalPhone');
    expect(matchImportHeader('主要负责人')).toBe('principalName');
    expect(matchImportHeader('安全负责人电话')).toBe('safetyPhone');
    expect(matchImportHeader('属地管理部门')).toBe('supTerritorial');
    expect(matchImportHeader('所属街道')).toBe('locality');
    expect(matchImportHeader('所在地址')).toBe('address');
    expect(matchImportHeader('行业监管部门')).toBe('supIndustry');
    expect(matchImportHeader('综合监管部门')).toBe('supComprehensive');
    expect(matchImportHeader('行业类别')).toBe('industries');
    expect(matchImportHeader('序号')).toBeNull();
  });

  it('needs both the name and the credit-code column to call a row the header', () => {
    expect(matchImportHeaderRow(['序号', '企业名称', '地址'])).toBeNull();
    expect(matchImportHeaderRow(['序号', '企业名称', '统一社会信用代码', '行业'])).toEqual({
      name: 1,
      creditCode: 2,
      industries: 3,
    });
  });
});

describe('registry import: cells', () => {
  it('splits lists on Chinese and ASCII separators', () => {
    expect(splitList('应急管理部、经济发展部；建设环保管理部, 财政管理运营部/综合办公室')).toEqual([
      '应急管理部',
      '经济发展部',
      '建设环保管理部',
      '财政管理运营部',
      '综合办公室',
    ]);
  });

  it('reads dates as sheets write them (Chinese, dashes, slashes, dots, compact, Excel serial)', () => {
    expect(readDate('2015年3月5日')).toBe('2015-03-05');
    expect(readDate('2015-3-5')).toBe('2015-03-05');
    expect(readDate('2015/03/05')).toBe('2015-03-05');
    expect(readDate('2015.3.5')).toBe('2015-03-05');
    expect(readDate('20150305')).toBe('2015-03-05');
    expect(readDate('42068')).toBe('2015-03-05');
    expect(readDate('')).toBeNull();
    expect(readDate('2015-02-30')).toBeUndefined();
    expect(readDate('去年')).toBeUndefined();
  });

  it('reads yes/no, standardisation, risk class and status words', () => {
    expect([readYesNo('是'), readYesNo('否'), readYesNo(''), readYesNo('√'), readYesNo('也许')]).toEqual([
      true,
      false,
      false,
      true,
      undefined,
    ]);
    expect([
      readStandardization('安全生产标准化二级'),
      readStandardization('无'),
      readStandardization('3'),
      readStandardization('五星'),
    ]).toEqual(['二级', null, '三级', undefined]);
    expect([readRiskClass('红色'), readRiskClass('较大风险'), readRiskClass('蓝'), readRiskClass('紫')]).toEqual([
      'red',
      'orange',
      'blue',
      undefined,
    ]);
    expect([
      readStatus('存续'),
      readStatus('停产整顿'),
      readStatus('半停产'),
      readStatus('已注销'),
      readStatus('?'),
    ]).toEqual(['operating', 'suspended', 'suspended', 'closed', undefined]);
  });

  it('matches industries by name, 工贸 prefix, synonym and contained name; tags by their names', () => {
    const code = (s: string) => matchCatalogue(s, CATALOGUE)?.code ?? null;
    expect(code('机械')).toBe('machinery');
    expect(code('工贸-冶金')).toBe('metallurgy');
    expect(code('危化')).toBe('hazardous_chemicals');
    expect(code('危险化学品经营')).toBe('hazardous_chemicals');
    expect(code('燃气')).toBe('town_gas');
    expect(code('铝加工')).toBe('aluminium_deep_well');
    expect(code('粉尘涉爆企业')).toBe('dust_explosion');
    expect(code('重大风险')).toBeNull();
    expect(code('造船')).toBeNull();
  });
});

describe('registry import: a row', () => {
  const header = matchImportHeaderRow(['企业名称', '统一社会信用代码', '行业', '行业监管部门', '电话']) ?? {};
  const departments = (name: string) =>
    name === '应急管理部' ? { id: 7, name: '应急管理部' } : { unknown: name, suggestions: ['应急管理部'] };

  it('gives a draft for a good row and skips a blank one', () => {
    const r = readRegistryRow(
      { row: 3, cells: ['甲厂', '91350100m000100y43', '机械、粉尘涉爆', '应急管理部', '13900000000'] },
      header,
      CATALOGUE,
      departments,
    );
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({
      row: 3,
      name: '甲厂',
      creditCode: '91350100M000100Y43',
      industries: ['machinery'],
      tags: ['dust_explosion'],
      principalPhone: '13900000000',
      supervisors: [{ departmentId: 7, department: '应急管理部', role: 'industry' }],
    });
    expect(readRegistryRow({ row: 4, cells: ['', ' ', '', '', ''] }, header, CATALOGUE, departments)).toEqual({
      draft: null,
      problems: [],
    });
  });

  it('lists every problem of a bad row and gives no draft', () => {
    const r = readRegistryRow(
      { row: 5, cells: ['', '91350100M000100Y44', '造船', '安监局', ''] },
      header,
      CATALOGUE,
      departments,
    );
    expect(r.draft).toBeNull();
    expect(r.problems).toEqual([
      '缺少企业名称',
      '统一社会信用代码第18位（校验位）应为“3”，实为“4”（91350100M000100Y44）',
      '行业“造船”不在行业目录中',
      '监管部门“安监局”不在部门名录中，是否为：应急管理部',
    ]);
  });
});

describe('registry import: two-row headers', () => {
  it('reads 主要负责人 over 姓名 | 电话 and 监管部门 over 行业监管 | 属地管理 | 综合监管', () => {
    const top = ['序号', '企业名称', '统一社会信用代码', '主要负责人', '', '监管部门', '', ''];
    const sub = ['序号', '企业名称', '统一社会信用代码', '姓名', '联系电话', '行业监管', '属地管理', '综合监管'];
    const header = matchImportHeaderRow(top);
    expect(header).not.toBeNull();
    expect(twoRowHeader(top, sub, header ?? {})).toEqual({
      name: 1,
      creditCode: 2,
      principalName: 3,
      principalPhone: 4,
      supIndustry: 5,
      supTerritorial: 6,
      supComprehensive: 7,
    });
  });

  it('does not take a data row for a sub-header', () => {
    const top = ['企业名称', '统一社会信用代码', '行业'];
    expect(twoRowHeader(top, ['甲厂', '91350100M000100Y43', '机械'], matchImportHeaderRow(top) ?? {})).toBeNull();
  });
});
