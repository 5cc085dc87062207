import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.ts';
import { ReceiptHashLane } from './receipt-hash-lane.ts';

/** nice value of every thread of this process (Linux /proc), by thread id. */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const lanes: ReceiptHashLane[] = [];
const lane = (maxQueue = 64) => {
  const l = new ReceiptHashLane({ nice: 19, maxQueue });
  lanes.push(l);
  return l;
};
afterEach(async () => {
  await Promise.all(lanes.splice(0).map((l) => l.close()));
});

describe('receipt hash lane', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const l = lane();
    const h = await l.hash('ABCD-EFGH-JKMN');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await l.verify(h, 'ABCD-EFGH-JKMN')).toBe(true);
    expect(await l.verify(h, 'ABCD-EFGH-JKMP')).toBe(false);
    expect(await l.verify('not a hash', 'ABCD-EFGH-JKMN')).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'runs in its own thread at nice 19 and leaves the others at their nice',
    async () => {
      const before = threadNices();
      const l = lane();
      expect(await l.niceness()).toBe(19);
      const after = threadNices();
      expect(after.filter((n) => n === 19).length).toBe(before.filter((n) => n === 19).length + 1);
      expect(after.filter((n) => n !== 19).every((n) => before.includes(n))).toBe(true);
    },
  );

  it('answers busy past the queue bound instead of queueing without end', async () => {
    const l = lane(2);
    const first = l.hash('one');
    const second = l.hash('two');
    await expect(l.hash('three')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'busy');
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    // Once the queue has drained the lane takes work again.
    await expect(l.hash('four')).resolves.toMatch(/^\$argon2id\$/);
  });
});
