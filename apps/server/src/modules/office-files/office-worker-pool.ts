import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorCode } from '../../core/app-error.ts';
import type { OfficeTask, WorkerReply } from './office-worker.ts';

/**
 * A bounded pool of worker threads for the work that must not run on the request thread: reading office files
 * (task-list import, returned sheets) and rendering documents (PDF, .docx, .xlsx). Each worker has a heap limit
 * (resourceLimits) and each task a time limit: a file that costs more than it weighs fails alone with a 422, and
 * the worker is replaced, while /api/health and every other request keep being answered. At most `size` tasks run
 * at once and `maxQueue` wait; beyond that a request gets 503 (busy) instead of piling up memory.
 */
export interface PoolOptions {
  size: number;
  maxQueue: number;
  timeoutMs: number;
  maxOldGenerationSizeMb: number;
}

export const POOL_OPTIONS: PoolOptions = {
  size: Math.max(1, Math.min(2, availableParallelism() - 1)),
  maxQueue: 16,
  timeoutMs: 60_000,
  maxOldGenerationSizeMb: 512,
};

const BOOT = new URL('./office-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./office-worker.ts', import.meta.url).href;

interface Job {
  task: OfficeTask;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class OfficeWorkerPool {
  private idle: Worker[] = [];
  private running = 0;
  private queue: Job[] = [];

  constructor(private readonly options: PoolOptions = POOL_OPTIONS) {}

  /** Runs one task in a worker; rejects with the task's AppError, or 422/503 when a limit is hit. */
  run<T>(task: OfficeTask, transfer: ArrayBuffer[] = [], timeoutMs = this.options.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.running >= this.options.size && this.queue.length >= this.options.maxQueue) {
        reject(new AppError('busy', '服务器正在处理其他文件，请稍后再试 (document workers busy)'));
        return;
      }
      this.queue.push({ task, transfer, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  get stats() {
    return { running: this.running, queued: this.queue.length, idle: this.idle.length };
  }

  /** Ends the idle workers (tests, shutdown). Running tasks finish on their own. */
  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 48 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    return worker;
  }

  private pump(): void {
    while (this.running < this.options.size && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.running += 1;
      const worker = this.idle.pop() ?? this.spawn();
      this.execute(worker, job);
    }
  }

  private execute(worker: Worker, job: Job): void {
    let settled = false;
    const done = (keep: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      settled = true;
      this.running -= 1;
      if (keep) this.idle.push(worker);
      else void worker.terminate();
      this.pump();
    };
    const timer = setTimeout(() => {
      if (settled) return;
      done(false);
      job.reject(
        new AppError('file_too_complex', `文件处理超时（超过 ${Math.round(job.timeoutMs / 1000)} 秒），已中止。`),
      );
    }, job.timeoutMs);
    const onMessage = (reply: WorkerReply) => {
      if (settled) return;
      done(true);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new AppError(reply.error.code as AppErrorCode, reply.error.message, reply.error.details));
    };
    const onError = (error: Error) => {
      if (settled) return;
      done(false);
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(
        oom
          ? new AppError('file_too_complex', '文件过大或过于复杂，处理时超出内存上限，已中止。')
          : new AppError('internal', '文件处理失败 (document worker failed)'),
      );
    };
    const onExit = () => onError(new Error('worker exited'));
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.ref();
    worker.postMessage(job.task, job.transfer);
    // An idle worker must not keep the process alive; a working one may.
    const unrefWhenDone = () => worker.unref();
    worker.once('message', unrefWhenDone);
  }
}

let shared: OfficeWorkerPool | null = null;

/** The process's pool (created on first use). */
export function officePool(): OfficeWorkerPool {
  shared ??= new OfficeWorkerPool();
  return shared;
}

/** Copies bytes into their own ArrayBuffer so they can be transferred (never a slice of a shared pool). */
export function transferable(bytes: Uint8Array): { bytes: Uint8Array; buffer: ArrayBuffer } {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return { bytes: copy, buffer: copy.buffer };
}
