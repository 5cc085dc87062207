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
});
export const ListDepartmentsResponse = z.object({ departments: z.array(DepartmentResponse) });
export const DepartmentIdParams = z.object({ id: z.coerce.number().int().positive() });
