import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

/** Contracts of bulletins (通报): figures frozen at drafting, text sections the office edits, then published. */
const Light = z.enum(['green', 'yellow', 'red']);
const Rate = z.number().nullable();

export const BulletinDepartmentSchema = z.object({
  /** 1 = best; null when nothing was due yet (listed last, not ranked). */
  rank: z.number().int().nullable(),
  departmentId: z.number().int(),
  name: z.string(),
  dueByAsOf: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  completionRate: Rate,
  onTimeRate: Rate,
  light: Light,
});
export type BulletinDepartment = z.infer<typeof BulletinDepartmentSchema>;

export const BulletinFiguresSchema = z.object({
  asOf: z.string(),
  taskCount: z.number().int(),
  totals: z.object({
    total: z.number().int(),
    dueByAsOf: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    completionRate: Rate,
    onTimeRate: Rate,
  }),
  departments: z.array(BulletinDepartmentSchema),
  overdue: z.object({
    total: z.number().int(),
    items: z.array(
      z.object({
        taskNo: z.string(),
        taskText: z.string(),
        department: z.string(),
        due: z.string(),
        daysOverdue: z.number().int(),
      }),
    ),
  }),
});
export type BulletinFigures = z.infer<typeof BulletinFiguresSchema>;

const SectionText = z.string().max(20_000);
export const BulletinSectionsSchema = z.object({
  /** 一、总体情况 */
  summary: SectionText,
  /** 表扬 */
  praise: SectionText,
  /** 通报批评 */
  criticism: SectionText,
  /** 工作要求 */
  requirements: SectionText,
});
export type BulletinSections = z.infer<typeof BulletinSectionsSchema>;

const Period = {
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: z.string().trim().max(20).optional(),
  asOf: z.string().refine(isCivilDate, '日期格式应为 YYYY-MM-DD').optional(),
};

export const CreateBulletinRequest = z.object(Period);
export type CreateBulletinRequest = z.infer<typeof CreateBulletinRequest>;

export const UpdateBulletinRequest = z
  .object({
    version: z.number().int().positive(),
    title: z.string().trim().min(1).max(200).optional(),
    sections: BulletinSectionsSchema.partial().optional(),
  })
  .refine((b) => b.title !== undefined || b.sections !== undefined, {
    message: '请至少修改标题或一个正文部分',
    path: ['sections'],
  });
export type UpdateBulletinRequest = z.infer<typeof UpdateBulletinRequest>;

export const PublishBulletinRequest = z.object({ version: z.number().int().positive() });

export const BulletinIdParams = z.object({ id: z.coerce.number().int().positive() });
export const ListBulletinsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const BulletinExportQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });

const BulletinSummaryFields = {
  id: z.number().int(),
  year: z.number().int(),
  period: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
};

export const BulletinResponse = z.object({
  ...BulletinSummaryFields,
  sections: BulletinSectionsSchema,
  figures: BulletinFiguresSchema,
});
export type BulletinResponse = z.infer<typeof BulletinResponse>;

export const BulletinListResponse = z.object({ bulletins: z.array(z.object(BulletinSummaryFields)) });
export type BulletinListResponse = z.infer<typeof BulletinListResponse>;
