import { z } from 'zod';

export const DepartmentResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['department', 'committee', 'external', 'group']),
  /** false when the importer created it from an unknown name and the office has not confirmed it yet. */
  confirmed: z.boolean(),
  aliases: z.array(z.string()),
  /** Member department ids of a group (安委会各成员单位). */
  members: z.array(z.number().int()),
  /** Retired by the office: no new duties; its history stays. */
  retired: z.boolean(),
});
export const ListDepartmentsResponse = z.object({ departments: z.array(DepartmentResponse) });
export const DepartmentIdParams = z.object({ id: z.coerce.number().int().positive() });

const Name = z.string().trim().min(1, { message: '名称不能为空' }).max(100, { message: '名称最多 100 个字' });

/**
 * PATCH /api/departments/:id: rename (the old name is kept as an alias), replace the aliases, retire or restore.
 * Every field is optional; at least one is given.
 */
export const UpdateDepartmentRequest = z
  .object({
    name: Name.optional(),
    aliases: z.array(Name).max(50).optional(),
    retired: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.aliases !== undefined || v.retired !== undefined, {
    message: '没有要修改的内容',
  });
export type UpdateDepartmentRequest = z.infer<typeof UpdateDepartmentRequest>;

/** POST /api/departments/:id/merge: this department is merged into `intoId`, which survives. */
export const MergeDepartmentRequest = z.object({ intoId: z.number().int().positive() });
export type MergeDepartmentRequest = z.infer<typeof MergeDepartmentRequest>;

/** What moved to the surviving department, table by table (rows), and what was folded into existing twins. */
export const MergeDepartmentResponse = z.object({
  intoId: z.number().int(),
  moved: z.record(z.string(), z.number().int()),
  occurrencesMerged: z.number().int(),
});
export type MergeDepartmentResponse = z.infer<typeof MergeDepartmentResponse>;
