import { z } from 'zod';

/** iCalendar subscriptions: a secret URL per department or per account, revocable. */
export const FEED_KINDS = ['department', 'user'] as const;

export const CreateFeedRequest = z
  .object({
    kind: z.enum(FEED_KINDS),
    /** Required for a department feed. */
    departmentId: z.number().int().positive().optional(),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'department' && v.departmentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '部门日历须指定部门' });
    }
    if (v.kind === 'user' && v.departmentId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '个人日历不指定部门' });
    }
  });
export type CreateFeedRequest = z.infer<typeof CreateFeedRequest>;

export const FeedResponse = z.object({
  id: z.number().int(),
  kind: z.enum(FEED_KINDS),
  departmentId: z.number().int().nullable(),
  userId: z.number().int().nullable(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FeedResponse = z.infer<typeof FeedResponse>;

export const CreateFeedResponse = FeedResponse.extend({
  /** Shown once: only its sha256 is stored. */
  token: z.string(),
  /** Subscribe to this path on the server's address (webcal:// or https://). */
  path: z.string(),
});
export type CreateFeedResponse = z.infer<typeof CreateFeedResponse>;

export const ListFeedsResponse = z.object({ feeds: z.array(FeedResponse) });

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** The URL token: 32 random bytes, base64url. Anything else is simply not found. */
export const TokenParams = z.object({ token: z.string().max(100) });
