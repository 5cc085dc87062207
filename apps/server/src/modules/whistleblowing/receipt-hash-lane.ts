import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/app-error.ts';

/**
 * The public side's argon2 work (receipt passwords: hash on submission, verify on lookup) runs in one worker thread
 * at the lowest CPU priority (nice 19 on Linux), one job at a time, with a bounded queue. A crowd of reporters can
 * then take only the CPU the office's requests leave idle: whenever a request thread wants a core, the scheduler
 * gives it before this thread (weight 1024 against 15). Past `maxQueue` waiting jobs a submission or lookup gets
 * 503 (busy) at once instead of piling up. Hash and verify share the lane, so a wrong password and an unknown code
 * wait and work alike.
 */
export interface LaneOptions {
  nice: number;
  maxQueue: number;
}

export const LANE_OPTIONS: LaneOptions = { nice: 19, maxQueue: 64 };

type Job = { op: 'hash'; password: string } | { op: 'verify'; password: string; hash: string };

interface Pending {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

const WORKER = new URL('./receipt-hash-worker.mjs', import.meta.url);

export class ReceiptHashLane {
  private worker: Worker | null = null;
  private ready: Promise<number> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: LaneOptions = LANE_OPTIONS) {}

  hash(password: string): Promise<string> {
    return this.run({ op: 'hash', password }) as Promise<string>;
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.run({ op: 'verify', password, hash }) as Promise<boolean>;
  }

  /** The nice value the lane's thread runs at (0 where lowering it was refused). */
  async niceness(): Promise<number> {
    this.start();
    return this.ready as Promise<number>;
  }

  get queued(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    await w?.terminate();
  }

  private run(job: Job): Promise<string | boolean> {
    if (this.pending.size >= this.options.maxQueue) {
      return Promise.reject(new AppError('busy', '当前举报较多，请稍后再试 (busy, try again shortly)'));
    }
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...job });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, { workerData: { nice: this.options.nice } });
    this.ready = new Promise((resolve) => {
      const onReady = (m: { ready?: boolean; nice?: number }) => {
        if (!m.ready) return;
        worker.off('message', onReady);
        resolve(m.nice ?? 0);
      };
      worker.on('message', onReady);
    });
    worker.on('message', (m: { id?: number; ok?: boolean; value?: string | boolean }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m.value as string | boolean);
      else p.reject(new AppError('internal', '回执密码处理失败 (receipt hash failed)'));
    });
    const fail = () => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values())
        p.reject(new AppError('internal', '回执密码处理失败 (receipt hash failed)'));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

let shared: ReceiptHashLane | null = null;

/** The process's lane (its thread starts on first use). */
export function receiptHashLane(): ReceiptHashLane {
  shared ??= new ReceiptHashLane();
  return shared;
}
