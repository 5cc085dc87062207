import { hashKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { Department } from '../api/contracts.ts';
import { invalidating, queryClient, queryKeys, WRITES_CHANGE } from '../api/query.ts';
import { realDepartments, registryQuery } from './use-department-registry.ts';

const dept = (id: number, name: string, kind: Department['kind'], members: number[] = []): Department => ({
  id,
  name,
  kind,
  confirmed: true,
  aliases: [],
  members,
  retired: false,
});

afterEach(() => queryClient.clear());

describe('the department registry', () => {
  it('leaves groups out of the departments a person or a filter can name, keeping the order', () => {
    const all = [
      dept(1, '开发区安委办', 'department'),
      dept(2, '安委会各成员单位', 'group', [1, 3]),
      dept(3, '开发区安委会', 'committee'),
      dept(4, '市自然资源局开发区分局', 'external'),
    ];
    expect(realDepartments(all).map((d) => d.id)).toEqual([1, 3, 4]);
    expect(realDepartments([])).toEqual([]);
  });

  it('is read under the departments key, so a department write (confirm, rename, merge) refreshes the panel', async () => {
    expect(hashKey(registryQuery.queryKey)).toBe(hashKey(queryKeys.departments()));
    queryClient.setQueryData(registryQuery.queryKey, { departments: [] });
    queryClient.setQueryData(queryKeys.hazardStats(2024), { total: 0 });
    await invalidating(Promise.resolve({ ok: true }), WRITES_CHANGE.department);
    expect(queryClient.getQueryState(registryQuery.queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.hazardStats(2024))?.isInvalidated).toBe(false);
  });
});
