import { describe, expect, it } from 'vitest';
import { parseDepartmentCell } from './department-cell.ts';

const d = (name: string, role: 'lead' | 'co' | 'supervise', alias: string | null = null) => ({ name, alias, role });

describe('parseDepartmentCell', () => {
  it('first listed leads, the others co-operate', () => {
    expect(parseDepartmentCell('应急管理部、建设环保管理部')).toEqual([
      d('应急管理部', 'lead'),
      d('建设环保管理部', 'co'),
    ]);
  });

  it('splits on every separator and newlines, trims, drops empty pieces and repeats', () => {
    expect(parseDepartmentCell(' 甲部，乙部,丙部；丁部;戊部／己部/庚部\n辛部、、甲部 ').map((x) => x.name)).toEqual([
      '甲部',
      '乙部',
      '丙部',
      '丁部',
      '戊部',
      '己部',
      '庚部',
      '辛部',
    ]);
  });

  it('a role suffix applies to every department in the cell, with or without a space', () => {
    expect(parseDepartmentCell('应急管理部、建设环保管理部 督促企业落实')).toEqual([
      d('应急管理部', 'supervise'),
      d('建设环保管理部', 'supervise'),
    ]);
    expect(parseDepartmentCell('财政管理运营部督促企业落实')).toEqual([d('财政管理运营部', 'supervise')]);
    expect(parseDepartmentCell('甲部督促落实')).toEqual([d('甲部', 'supervise')]);
    expect(parseDepartmentCell('各专业委员会牵头')).toEqual([d('各专业委员会', 'lead')]);
    expect(parseDepartmentCell('甲部、乙部 配合')).toEqual([d('甲部', 'co'), d('乙部', 'co')]);
    expect(parseDepartmentCell('甲部协助')).toEqual([d('甲部', 'co')]);
  });

  it('several suffixes split the cell into groups', () => {
    expect(parseDepartmentCell('甲部牵头，乙部、丙部配合')).toEqual([
      d('甲部', 'lead'),
      d('乙部', 'co'),
      d('丙部', 'co'),
    ]);
    expect(parseDepartmentCell('甲部（牵头）、乙部（配合）')).toEqual([d('甲部', 'lead'), d('乙部', 'co')]);
    expect(parseDepartmentCell('牵头单位：甲部；配合单位：乙部、丙部')).toEqual([
      d('甲部', 'lead'),
      d('乙部', 'co'),
      d('丙部', 'co'),
    ]);
  });

  it('a parenthesised alias, full- or half-width', () => {
    expect(parseDepartmentCell('应急管理部（综合行政执法局）')).toEqual([d('应急管理部', 'lead', '综合行政执法局')]);
    expect(parseDepartmentCell('乙部、应急管理部(综合行政执法局)')).toEqual([
      d('乙部', 'lead'),
      d('应急管理部', 'co', '综合行政执法局'),
    ]);
  });

  it('keeps groups and outside units as names', () => {
    expect(parseDepartmentCell('安委会各成员单位')).toEqual([d('安委会各成员单位', 'lead')]);
    expect(parseDepartmentCell('经济发展部、市自然资源局开发区分局')).toEqual([
      d('经济发展部', 'lead'),
      d('市自然资源局开发区分局', 'co'),
    ]);
  });

  it('a default role applies to departments without a suffix', () => {
    expect(parseDepartmentCell('甲部、乙部', 'co')).toEqual([d('甲部', 'co'), d('乙部', 'co')]);
    expect(parseDepartmentCell('甲部督促企业落实', 'lead')).toEqual([d('甲部', 'supervise')]);
  });

  it('traditional suffixes are recognised; names are kept as written', () => {
    expect(parseDepartmentCell('應急管理部、建設環保管理部督促企業落實')).toEqual([
      d('應急管理部', 'supervise'),
      d('建設環保管理部', 'supervise'),
    ]);
  });

  it('an empty cell gives no departments', () => {
    expect(parseDepartmentCell('')).toEqual([]);
    expect(parseDepartmentCell(' 、 ')).toEqual([]);
  });
});
