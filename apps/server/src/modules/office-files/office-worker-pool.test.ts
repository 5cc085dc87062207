import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.ts';
import { OfficeWorkerPool } from './office-worker-pool.ts';

describe('office worker pool', () => {
  const pool = new OfficeWorkerPool({ size: 1, maxQueue: 1, timeoutMs: 8000, maxOldGenerationSizeMb: 96 });
  afterAll(() => pool.close());

  it('runs a task in a worker and reuses it', async () => {
    expect(await pool.run({ kind: 'echo', value: { a: [1, 2] } })).toEqual({ a: [1, 2] });
    expect(await pool.run({ kind: 'echo', value: 'again' })).toBe('again');
    expect(pool.stats.idle).toBe(1);
  }, 30_000);

  it('stops a task past its time limit with a 422, and the pool goes on', async () => {
    const started = Date.now();
    const error = await pool.run({ kind: 'echo', value: 1, spinMs: 20_000 }, [], 1500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file_too_complex');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(await pool.run({ kind: 'echo', value: 'alive' })).toBe('alive');
  }, 30_000);

  it('ends a task that exhausts the worker heap with a 422', async () => {
    const error = await pool.run({ kind: 'echo', value: 1, allocateMb: -1 }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('file_too_complex');
    expect((error as AppError).message).toContain('内存');
    expect(await pool.run({ kind: 'echo', value: 'alive' })).toBe('alive');
  }, 60_000);

  it('answers 503 when the pool and its queue are full', async () => {
    const slow = pool.run({ kind: 'echo', value: 1, spinMs: 1500 });
    const queued = pool.run({ kind: 'echo', value: 2 });
    const refused = await pool.run({ kind: 'echo', value: 3 }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('busy');
    expect(await slow).toBe(1);
    expect(await queued).toBe(2);
  }, 60_000);
});
