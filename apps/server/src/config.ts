import { z } from 'zod';

/** The only reader of process.env: everything configurable is parsed here, once. */
const ConfigSchema = z.object({
  DATABASE_URL: z.string().min(1).default('sqlite:./data/duban.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  /** '0': a fresh database starts without the demo enterprises (and the hazards built on them); default '1'. */
  DUBAN_DEMO: z
    .enum(['0', '1'])
    .default('1')
    .transform((v) => v === '1'),
  /** 'false': the first start imports the demo list without the demo accounts and the year's progress (e2e). */
  DEMO_STORY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Behind a reverse proxy (nginx, a load balancer): which X-Forwarded-For hops to believe for the client address
   * (rate limits, logs). 'false' (default: direct connections) · 'true' (any proxy: only when nothing else can reach
   * the port) · a hop count ('1') · addresses/CIDRs ('127.0.0.1,10.0.0.0/8'). See README (部署在反向代理之后).
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string => {
      const t = v.trim();
      if (t === '' || t === 'false') return false;
      if (t === 'true') return true;
      return t;
    }),
  /**
   * Notification webhooks go only to public addresses (SSRF guard). Intranet receivers (政务外网 systems) are
   * listed here: host names, addresses or CIDRs, comma-separated, e.g. '10.20.0.0/16,oa.example.gov.cn'.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.cn:587 or smtps://…:465; unset = no e-mail. */
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/.+/, { message: '应为 smtp://… 或 smtps://…' })
      .optional(),
  ),
  /** The whistleblower identity key (32 bytes, base64 or hex); unset: generated into DATA_DIR/whistle.key (0600). */
  DUBAN_WHISTLE_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32).optional()),
  /**
   * Where uploaded files live (evidence, hazard and inspection photos, whistleblowers' encrypted attachments):
   * 'local' (default: DATA_DIR/evidence, one instance) · 'database' (a table of the database; every instance, no
   * other service) · 's3' (an S3-compatible bucket, DUBAN_S3_*). See docs/DEPLOYMENT.md.
   */
  DUBAN_STORAGE: z.enum(['local', 'database', 's3']).default('local'),
  /** S3-compatible endpoint, e.g. http://127.0.0.1:9000 (MinIO) or https://oss-cn-beijing.aliyuncs.com; unset: AWS. */
  DUBAN_S3_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  DUBAN_S3_REGION: z.string().min(1).default('us-east-1'),
  DUBAN_S3_BUCKET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(3).optional()),
  /** Key prefix inside the bucket, e.g. 'duban/'. */
  DUBAN_S3_PREFIX: z.string().default(''),
  /** Unset: the SDK's default credential chain. */
  DUBAN_S3_ACCESS_KEY_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  DUBAN_S3_SECRET_ACCESS_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** Path-style URLs (MinIO and most on-premises servers): default 'true'. */
  DUBAN_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The From header of notification e-mail. */
  MAIL_FROM: z.string().min(3).default('督办 Duban <duban@localhost>'),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.refine((c) => c.DUBAN_STORAGE !== 's3' || c.DUBAN_S3_BUCKET, {
    path: ['DUBAN_S3_BUCKET'],
    message: 'DUBAN_STORAGE=s3 需要 DUBAN_S3_BUCKET',
  }).safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误 (invalid configuration): ${issues}`);
  }
  return parsed.data;
}
