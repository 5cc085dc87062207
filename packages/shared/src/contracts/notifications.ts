import { z } from 'zod';

// ── Audiences and the items a message lists ─────────────────────────────────────────────────────────────────────

export const AUDIENCES = ['department', 'head', 'office', 'leader'] as const;
/** department = every account of the department (head included); head = its heads only; office = 安委办 accounts. */
export const AudienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof AudienceSchema>;

export const STEP_KINDS = ['reminder', 'urge', 'notice', 'interview'] as const;
export const StepKindSchema = z.enum(STEP_KINDS);

/** One step of one occurrence, as snapshotted when the step was taken; a message lists one or more. */
export const NotificationItem = z.object({
  occurrenceId: z.number().int(),
  /** 'remind-7' | 'remind-1' | 'remind-0' | 'urge' | 'notice' | 'interview' */
  step: z.string(),
  kind: StepKindSchema,
  daysBefore: z.number().int().nullable(),
  taskNo: z.string(),
  taskText: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  /** Effective due date (civil date). */
  due: z.string(),
  /** 督办单 only: the date the written reply is due. */
  replyBy: z.string().nullable(),
  /** The day the step belongs to. */
  fireDate: z.string(),
  supervisionActionId: z.number().int().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

const Id = z.coerce.number().int().positive();
export const IdParams = z.object({ id: Id });

// ── Notification centre ─────────────────────────────────────────────────────────────────────────────────────────

export const ListNotificationsQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationResponse = z.object({
  id: z.number().int(),
  /** A step kind, or 'digest' for a message listing several items. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  items: z.array(NotificationItem),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** The 任务事项 to open: the notice's own (a returned report) or its first item's. */
  occurrenceId: z.number().int().nullable(),
});
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const ListNotificationsResponse = z.object({
  notifications: z.array(NotificationResponse),
  unread: z.number().int(),
  total: z.number().int(),
});
export type ListNotificationsResponse = z.infer<typeof ListNotificationsResponse>;

export const ReadAllResponse = z.object({ marked: z.number().int(), unread: z.number().int() });

// ── Preferences ─────────────────────────────────────────────────────────────────────────────────────────────────

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM' });
export const QuietHoursSchema = z
  .object({ start: HHMM, end: HHMM })
  .refine((q) => q.start !== q.end, { message: '免打扰开始与结束时间不能相同' });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const PreferencesBody = z.object({
  email: z.email().max(254).nullable(),
  emailEnabled: z.boolean(),
  /** One message per scan listing everything, instead of one per item. */
  digest: z.boolean(),
  /** Asia/Shanghai; e-mail waits until the end (the in-app centre is silent and is not held back). */
  quietHours: QuietHoursSchema.nullable(),
});
export type PreferencesBody = z.infer<typeof PreferencesBody>;

// ── Channels ────────────────────────────────────────────────────────────────────────────────────────────────────

export const CHANNEL_KINDS = ['email', 'dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);

const Target = z.string().trim().min(3).max(2000);

export const CreateChannelRequest = z
  .object({
    kind: ChannelKindSchema,
    name: z.string().trim().min(1).max(100),
    /** null: the unit's own channel (安委办), which receives what the policy copies to the office. */
    departmentId: z.number().int().positive().nullable(),
    /** Webhook URL (with its access token/key) or, for e-mail, the address. */
    target: Target,
    /** DingTalk 加签 secret, Feishu 签名校验 secret, or the generic webhook's HMAC key. Write-only. */
    secret: z.string().min(1).max(500).nullable().default(null),
    enabled: z.boolean().default(true),
    digest: z.boolean().default(true),
    quietHours: QuietHoursSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => validateTarget(v.kind, v.target, v.secret, ctx));
export type CreateChannelRequest = z.infer<typeof CreateChannelRequest>;

export const UpdateChannelRequest = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  target: Target.optional(),
  /** Omitted: keep; null: remove; a string: replace. */
  secret: z.string().min(1).max(500).nullable().optional(),
  enabled: z.boolean().optional(),
  digest: z.boolean().optional(),
  quietHours: QuietHoursSchema.nullable().optional(),
  version: z.number().int().positive(),
});
export type UpdateChannelRequest = z.infer<typeof UpdateChannelRequest>;

export const DeleteChannelQuery = z.object({ version: z.coerce.number().int().positive() });

export const ChannelResponse = z.object({
  id: z.number().int(),
  kind: ChannelKindSchema,
  name: z.string(),
  departmentId: z.number().int().nullable(),
  /** The target with its token masked (e.g. `https://oapi.dingtalk.com/robot/send?access_token=***`). */
  target: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  digest: z.boolean(),
  quietHours: QuietHoursSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ChannelResponse = z.infer<typeof ChannelResponse>;

export const ListChannelsResponse = z.object({ channels: z.array(ChannelResponse) });

/** POST /api/notification-channels/:id/test: the test message went out through the real sender, or why not. */
export const TestChannelResponse = z.object({
  channelId: z.number().int(),
  status: z.enum(['sent', 'failed']),
  /** Chinese reason when it failed (SMTP not configured, HTTP 403, robot error code, refused address …). */
  error: z.string().nullable(),
  sentAt: z.string(),
});
export type TestChannelResponse = z.infer<typeof TestChannelResponse>;

// ── Delivery log ────────────────────────────────────────────────────────────────────────────────────────────────

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

export const ListDeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channelId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const DeliveryResponse = z.object({
  id: z.number().int(),
  channel: ChannelKindSchema,
  channelId: z.number().int().nullable(),
  userId: z.number().int().nullable(),
  recipient: z.string(),
  itemCount: z.number().int(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryResponse = z.infer<typeof DeliveryResponse>;

export const ListDeliveriesResponse = z.object({ deliveries: z.array(DeliveryResponse) });

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

function validateTarget(kind: string, target: string, secret: string | null, ctx: z.RefinementCtx): void {
  const problem = channelTargetProblem(kind, target, secret);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

/** A channel's target must fit its kind; the generic webhook must be signed. */
export function channelTargetProblem(
  kind: string,
  target: string,
  secret: string | null,
): { path: 'target' | 'secret'; message: string } | null {
  if (kind === 'email') {
    return z.email().safeParse(target).success ? null : { path: 'target', message: '邮件渠道的目标应为邮箱地址' };
  }
  if (!isHttpUrl(target)) return { path: 'target', message: 'Webhook 地址应为 http(s) URL' };
  if (kind === 'webhook' && secret === null) return { path: 'secret', message: '通用 Webhook 须设置签名密钥' };
  return null;
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
