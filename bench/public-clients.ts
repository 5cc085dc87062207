/**
 * The public load of issue 14's check as a process of its own: --readers portal readers and --reporters
 * whistleblower reporters against --base for --seconds, then one JSON line on stdout: the per-endpoint table.
 * bench/loadtest.ts starts it under `nice -n 19`: on this one machine it stands in for phones elsewhere, so its own
 * CPU (220 HTTP clients, multipart bodies) does not count as the server's, and it never shares an event loop with
 * the office's timed requests.
 *
 *   npx tsx bench/public-clients.ts --base http://127.0.0.1:8080 [--seconds 300] [--readers 200] [--reporters 20]
 *                                   [--think-ms 1000] [--reporter-think-ms 0]
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { EndpointStats, pause, publicReader, whistleReporter } from './load-kit.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    seconds: { type: 'string', default: '300' },
    readers: { type: 'string', default: '200' },
    reporters: { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '1000' },
    'reporter-think-ms': { type: 'string', default: '0' },
  },
});
if (!values.base) throw new Error('--base 为必填项');
const base = new URL(values.base);
const seconds = Number(values.seconds);
const readers = Number(values.readers);
const reporters = Number(values.reporters);
const thinkMs = Number(values['think-ms']);
const reporterThinkMs = Number(values['reporter-think-ms']);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const stats = new EndpointStats();
const reports = stats.of('POST /api/public/reports');
const lookups = stats.of('POST /api/public/reports/lookup');
let running = true;
const workers = [
  ...Array.from({ length: readers }, (_, i) =>
    publicReader(base, i, { thinkMs, running: () => running, stats: (path) => stats.of(`GET ${path}`), agent }),
  ),
  ...Array.from({ length: reporters }, (_, i) =>
    whistleReporter(base, i, { running: () => running, reports, lookups, thinkMs: reporterThinkMs }),
  ),
];
await pause(seconds * 1000);
running = false;
await Promise.all(workers);
agent.destroy();
process.stdout.write(`${JSON.stringify(stats.table())}\n`);
