import type { DepartmentKind } from '../../db/schema.ts';

/**
 * The built-in department registry of the demo zone (忻州经济开发区), as named in its 2024 task list.
 * Groups list their members; a group without members is reported on by the office itself.
 */
export interface DemoDepartment {
  name: string;
  kind: DepartmentKind;
  aliases: string[];
  members?: string[];
}

const MEMBER_UNITS = [
  '开发区安委办',
  '党群工作部',
  '综合办公室',
  '应急管理部',
  '建设环保管理部',
  '财政管理运营部',
  '经济发展部',
  '招才引智服务中心',
  '综合数据信息中心',
  '市自然资源局开发区分局',
];

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { name: '开发区安委会', kind: 'committee', aliases: ['安委会', '开发区安全生产委员会'] },
  { name: '开发区安委办', kind: 'department', aliases: ['安委办', '开发区安全生产委员会办公室'] },
  { name: '党群工作部', kind: 'department', aliases: [] },
  { name: '综合办公室', kind: 'department', aliases: [] },
  { name: '应急管理部', kind: 'department', aliases: ['综合行政执法局', '应急管理部（综合行政执法局）'] },
  { name: '建设环保管理部', kind: 'department', aliases: [] },
  { name: '财政管理运营部', kind: 'department', aliases: [] },
  { name: '经济发展部', kind: 'department', aliases: [] },
  { name: '招才引智服务中心', kind: 'department', aliases: [] },
  { name: '综合数据信息中心', kind: 'department', aliases: [] },
  { name: '市自然资源局开发区分局', kind: 'external', aliases: ['自然资源局开发区分局'] },
  {
    name: '安委会各成员单位',
    kind: 'group',
    aliases: ['各成员单位', '安委会成员单位', '开发区安委会各成员单位'],
    members: MEMBER_UNITS,
  },
  { name: '各专业委员会', kind: 'group', aliases: ['各专委会', '开发区各专业委员会'], members: [] },
];
