import { Button, Tag } from 'antd';
import { useState } from 'react';
import type { AssignmentRole, TaskDepartment } from '../api/contracts.ts';
import { useT } from '../i18n/i18n.tsx';

const ROLE_COLOR: Record<AssignmentRole, string | undefined> = { lead: 'blue', co: undefined, supervise: 'purple' };

export function RoleTag({ role }: { role: AssignmentRole }) {
  const t = useT();
  return (
    <Tag color={ROLE_COLOR[role]} style={{ marginInlineEnd: 0 }}>
      {t(`assign.${role}`)}
    </Tag>
  );
}

/**
 * 责任部门 as the list states it: lead department(s) first with their role, a group (安委会各成员单位) as one line
 * whose member departments expand on demand.
 */
export function DepartmentTags({ departments }: { departments: readonly TaskDepartment[] }) {
  const direct = departments.filter((d) => d.viaGroup === null);
  const members = new Map<string, TaskDepartment[]>();
  for (const d of departments) {
    if (d.viaGroup === null) continue;
    const list = members.get(d.viaGroup) ?? [];
    list.push(d);
    members.set(d.viaGroup, list);
  }
  // Lead first, then co-operating, then supervising; the list's own order within each role.
  const order: AssignmentRole[] = ['lead', 'co', 'supervise'];
  const sorted = [...direct].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  const orphanGroups = [...members.keys()].filter((g) => !direct.some((d) => d.name === g));
  return (
    <div className="stack-4">
      {sorted.map((d) => (
        <DepartmentLine key={d.id} department={d} members={members.get(d.name) ?? []} />
      ))}
      {orphanGroups.map((g) => (
        <GroupMembers key={g} group={g} members={members.get(g) ?? []} />
      ))}
    </div>
  );
}

function DepartmentLine({ department, members }: { department: TaskDepartment; members: TaskDepartment[] }) {
  return (
    <div>
      <span className="department-line">
        <span>{department.name}</span>
        <RoleTag role={department.role} />
      </span>
      {members.length > 0 ? <GroupMembers group={department.name} members={members} /> : null}
    </div>
  );
}

function GroupMembers({ group, members }: { group: string; members: TaskDepartment[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        aria-expanded={open}
        aria-label={`${group}: ${open ? t('tasks.hideMembers') : t('tasks.showMembers', { n: members.length })}`}
        onClick={() => setOpen((v) => !v)}
      >
        {open ? t('tasks.hideMembers') : t('tasks.showMembers', { n: members.length })}
      </Button>
      {open ? (
        <p className="text-secondary text-small" style={{ margin: 0 }}>
          {members.map((m) => m.name).join('、')}
        </p>
      ) : null}
    </div>
  );
}
