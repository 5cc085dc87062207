import { describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENTS } from './demo-registry.ts';
import { DepartmentRegistry, guessDepartmentKind, nameCore } from './department-registry.ts';

const registry = new DepartmentRegistry(
  DEMO_DEPARTMENTS.map((d, i) => ({ id: i + 1, name: d.name, kind: d.kind, confirmed: true })),
  DEMO_DEPARTMENTS.flatMap((d, i) => d.aliases.map((alias) => ({ department_id: i + 1, alias }))),
);

describe('department registry', () => {
  it.each([
    ['应急管理部', '应急管理部'],
    ['应急管理部（综合行政执法局）', '应急管理部'],
    ['综合行政执法局', '应急管理部'],
    ['安委办', '开发区安委办'],
    ['各成员单位', '安委会各成员单位'],
    [' 党群工作部 ', '党群工作部'],
  ])('matches %s → %s', (raw, name) => {
    const m = registry.match(raw);
    expect(m.status).toBe('matched');
    expect(m.status === 'matched' && m.department.name).toBe(name);
  });

  it.each([
    ['开发区财政局', '财政管理运营部'],
    ['区应急局', '应急管理部'],
    ['县应急管理局', '应急管理部'],
    ['开发区党群部', '党群工作部'],
    ['经济发展局', '经济发展部'],
  ])('suggests for the unknown %s: %s first', (raw, first) => {
    const m = registry.match(raw);
    expect(m.status).toBe('unknown');
    expect(m.status === 'unknown' && m.suggestions[0]).toBe(first);
  });

  it('suggests nothing for an unrelated name, and never a group', () => {
    const m = registry.match('市气象局');
    expect(m.status === 'unknown' && m.suggestions).toEqual([]);
    const groups = registry.match('各单位成员');
    expect(groups.status === 'unknown' && groups.suggestions).not.toContain('安委会各成员单位');
  });

  it('reads the core of a name and guesses kinds', () => {
    expect(nameCore('开发区财政局')).toBe('财政');
    expect(nameCore('忻州经济开发区应急管理部')).toBe('应急');
    expect(guessDepartmentKind('各专业委员会')).toBe('group');
    expect(guessDepartmentKind('市自然资源局开发区分局')).toBe('external');
    expect(guessDepartmentKind('开发区安委会')).toBe('committee');
    expect(guessDepartmentKind('经济发展部')).toBe('department');
  });
});
