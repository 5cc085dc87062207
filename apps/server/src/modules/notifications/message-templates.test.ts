import type { NotificationItem } from '@duban/shared/contracts/notifications';
import { describe, expect, it } from 'vitest';
import { renderMessage } from './message-templates.ts';

const item = (over: Partial<NotificationItem>): NotificationItem => ({
  occurrenceId: 1,
  step: 'remind-7',
  kind: 'reminder',
  daysBefore: 7,
  taskNo: '7',
  taskText: '部门主要负责人每月至少深入一线调研指导一次安全生产工作。',
  departmentId: 1,
  departmentName: '应急管理部',
  due: '2024-03-31',
  replyBy: null,
  fireDate: '2024-03-24',
  supervisionActionId: null,
  ...over,
});

describe('Chinese message templates', () => {
  it('titles one item by its step', () => {
    const m = renderMessage([item({})]);
    expect(m.kind).toBe('reminder');
    expect(m.title).toBe('【督办】7天后到期提醒：第7项 部门主要负责人每月至少深入一线调研指导一次安全…');
    expect(m.text).toContain('（应急管理部，截止 2024-03-31）');
  });

  it('lists several items in one digest, most serious first', () => {
    const m = renderMessage([
      item({ occurrenceId: 1 }),
      item({ occurrenceId: 2, step: 'notice', kind: 'notice', daysBefore: null, replyBy: '2024-04-08', taskNo: '12' }),
      item({ occurrenceId: 3, step: 'remind-0', daysBefore: 0, taskNo: '3' }),
    ]);
    expect(m.kind).toBe('digest');
    expect(m.title).toBe('【督办】待办汇总：共3项（督办单1项、到期提醒2项）');
    expect(m.lines[0]).toContain('【督办单】第12项');
    expect(m.lines[0]).toContain('请于 2024-04-08 前书面回复');
    expect(m.lines).toHaveLength(3);
    expect(m.markdown.startsWith('### 【督办】待办汇总')).toBe(true);
  });
});
