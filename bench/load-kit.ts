/**
 * The pieces of the loopback load tests (bench/public-load.ts, bench/loadtest.ts): an HTTP call with an optional
 * loopback source address (each simulated person its own 127.x.y.z, so per-address limits see distinct people),
 * latency statistics per endpoint, and the public side's simulated readers and whistleblower reporters.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './measure.ts';

export interface Res {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface CallOptions {
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** A loopback source address (127.0.0.0/8). */
  localAddress?: string;
  agent?: http.Agent;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request; never leaves loopback (the base URL is the caller's 127.0.0.1 server). */
export function call(base: URL, method: string, path: string, options: CallOptions = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: options.headers,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Latencies and answers of one endpoint: errors are 5xx and network failures; 429 and other 4xx apart. */
export class Stats {
  samples: number[] = [];
  errors = 0;
  throttled = 0;
  other4xx = 0;
  count = 0;
  record(ms: number, status: number) {
    this.count += 1;
    if (status >= 500 || status === 0) this.errors += 1;
    else if (status === 429) this.throttled += 1;
    else if (status >= 400) this.other4xx += 1;
    this.samples.push(ms);
  }
  summary() {
    const s = [...this.samples].sort((a, b) => a - b);
    const p = (n: number) => (s.length ? Math.round(percentile(s, n) * 10) / 10 : null);
    return {
      requests: this.count,
      errors: this.errors,
      throttled429: this.throttled,
      other4xx: this.other4xx,
      p50: p(50),
      p95: p(95),
      p99: p(99),
    };
  }
}

/** Stats per endpoint name ('GET /api/inbox'). */
export class EndpointStats {
  readonly byName = new Map<string, Stats>();
  of(name: string): Stats {
    let s = this.byName.get(name);
    if (!s) {
      s = new Stats();
      this.byName.set(name, s);
    }
    return s;
  }
  table() {
    return [...this.byName.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([endpoint, s]) => ({ endpoint, ...s.summary() }));
  }
}

export async function timed(stats: Stats, fn: () => Promise<Res>): Promise<Res | null> {
  const start = performance.now();
  try {
    const res = await fn();
    stats.record(performance.now() - start, res.status);
    return res;
  } catch {
    stats.record(performance.now() - start, 0);
    return null;
  }
}

/** A multipart body: text fields and files. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; bytes: Buffer }[],
) {
  const boundary = `----load${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const PUBLIC_READ_PATHS = [
  '/public',
  '/api/public/hazards',
  '/api/public/articles',
  '/public/report',
  '/public/portal.css',
];

/** A public reader: one page after another with a pause of 0.5–1.5 × thinkMs, until `running()` is false. */
export async function publicReader(
  base: URL,
  i: number,
  o: { thinkMs: number; running: () => boolean; stats: (path: string) => Stats; agent?: http.Agent },
): Promise<void> {
  let n = i;
  while (o.running()) {
    n += 1;
    const path = PUBLIC_READ_PATHS[n % PUBLIC_READ_PATHS.length] as string;
    await timed(o.stats(path), () => call(base, 'GET', path, o.agent ? { agent: o.agent } : {}));
    if (o.thinkMs > 0) await pause(o.thinkMs * (0.5 + Math.random()));
  }
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), randomBytes(20_000)]);
let reporterAddress = 0;

/**
 * A whistleblower reporter: challenge → multipart report with a photo → lookup with the receipt, again and again.
 * Each report comes from a fresh loopback address (127.A.B.C, a new /24 each time), as real reporters are distinct
 * people; the per-address and per-network limits are exercised by the route tests instead. `thinkMs` (0 = back to
 * back, the stress case): the pause between one report's lookup and the next report (uniform 0.5–1.5 × it), the
 * time a person takes to fill in the form.
 */
export async function whistleReporter(
  base: URL,
  i: number,
  o: { running: () => boolean; reports: Stats; lookups: Stats; thinkMs?: number },
): Promise<void> {
  while (o.running()) {
    reporterAddress += 1;
    const address = reporterAddress;
    const localAddress = `127.${10 + (address % 200)}.${Math.floor(address / 200) % 250}.${1 + i}`;
    const ch = await call(base, 'GET', '/api/public/challenge', { localAddress }).catch(() => null);
    if (ch?.status !== 200) {
      await pause(200);
      continue;
    }
    const { token, question } = JSON.parse(ch.body) as { token: string; question: string };
    const m = /(\d+) \+ (\d+)/.exec(question);
    const form = multipartBody(
      {
        category: 'major_hazard',
        enterpriseName: `压测企业${i}`,
        place: '车间',
        description: '压测举报内容',
        anonymous: 'false',
        name: `压测人${address}`,
        contact: `1390000${String(address).padStart(4, '0')}`,
        consent: 'true',
        challengeToken: token,
        challengeAnswer: String(Number(m?.[1]) + Number(m?.[2])),
      },
      [{ field: 'files', name: 'p.jpg', type: 'image/jpeg', bytes: JPEG }],
    );
    const sent = await timed(o.reports, () =>
      call(base, 'POST', '/api/public/reports', {
        body: form.body,
        headers: { 'content-type': form.contentType },
        localAddress,
      }),
    );
    if (sent?.status === 429) {
      await pause(200);
      continue;
    }
    if (sent?.status !== 201) continue;
    const receipt = JSON.parse(sent.body) as { receiptCode: string; password: string };
    await timed(o.lookups, () =>
      call(base, 'POST', '/api/public/reports/lookup', {
        body: JSON.stringify(receipt),
        headers: { 'content-type': 'application/json' },
        localAddress,
      }),
    );
    if (o.thinkMs) await pause(o.thinkMs * (0.5 + Math.random()));
  }
}

/** A summary plus the p95 of every `windowMs` window (the alone windows' spread is the noise of issue 14's check). */
export type WindowedSummary = ReturnType<Stats['summary']> & { windowP95: number[] };

/** `fn` back to back for `ms`, timed, with the p95 of every `windowMs` window (a last short window if ≥ 100 calls). */
export async function windowedRuns(fn: () => Promise<Res>, ms: number, windowMs = 15_000): Promise<WindowedSummary> {
  const all = new Stats();
  const windows: number[] = [];
  let w = new Stats();
  let windowEnd = performance.now() + windowMs;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const start = performance.now();
    let status = 0;
    try {
      status = (await fn()).status;
    } catch {
      status = 0;
    }
    const took = performance.now() - start;
    all.record(took, status);
    w.record(took, status);
    if (performance.now() >= windowEnd) {
      windows.push(w.summary().p95 ?? 0);
      w = new Stats();
      windowEnd += windowMs;
    }
  }
  if (w.count >= 100) windows.push(w.summary().p95 ?? 0);
  return { ...all.summary(), windowP95: windows };
}

/** The verdict line of issue 14's check: the p95 under load against the range of the alone windows' p95. */
export function noiseVerdict(under: WindowedSummary, alone: WindowedSummary[]): { text: string; within: boolean } {
  const windows = alone.flatMap((a) => a.windowP95);
  const low = Math.min(...windows);
  const high = Math.max(...windows);
  const within = (under.p95 ?? Number.POSITIVE_INFINITY) <= high;
  return {
    within,
    text:
      `任务表 p95：公众负载下 ${under.p95} ms（各窗口 ${under.windowP95.join(' / ')}）；单独时各窗口 ${low}–${high} ms → ` +
      (within ? '在噪声范围内 (within noise)' : '超出噪声范围 (above noise)'),
  };
}

/**
 * The public load (bench/public-clients.ts) as a process of its own under `nice -n 19`: on one machine it stands in
 * for phones elsewhere, so its CPU is not the server's and its event loop is not the one timing the office.
 * Resolves with its per-endpoint table when it ends (after `seconds`).
 */
export function startPublicClients(
  base: URL,
  o: { seconds: number; readers: number; reporters: number; thinkMs: number; reporterThinkMs: number },
): Promise<ReturnType<EndpointStats['table']>> {
  const script = new URL('./public-clients.ts', import.meta.url).pathname;
  const args = ['-n', '19', process.execPath, '--import', 'tsx', script, '--base', base.toString()];
  args.push('--seconds', String(o.seconds), '--readers', String(o.readers), '--reporters', String(o.reporters));
  args.push('--think-ms', String(o.thinkMs), '--reporter-think-ms', String(o.reporterThinkMs));
  const child = spawn('nice', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim()));
      else reject(new Error(`公众负载进程退出码 ${code}`));
    }),
  );
}
