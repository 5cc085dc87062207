import { fromHex, sha256Bytes } from './sha256.ts';

/**
 * A deterministic random stream from a seed: block i is sha256(seed ‖ i as 8 bytes big-endian), read as eight
 * 32-bit words. Anyone with the seed gets the same stream on any platform; without it the stream is unpredictable.
 */
export class SeededRandom {
  private readonly seed: Uint8Array;
  private counter = 0;
  private words: Uint32Array = new Uint32Array(0);
  private index = 0;

  constructor(seedHex: string) {
    if (!/^[0-9a-f]{32,128}$/.test(seedHex)) throw new Error('种子应为 32–128 位小写十六进制 (seed must be hex)');
    this.seed = fromHex(seedHex);
  }

  /** The next 32-bit unsigned word. */
  nextUint32(): number {
    if (this.index >= this.words.length) this.refill();
    return this.words[this.index++] as number;
  }

  /** A uniform integer in [0, n), without modulo bias (rejection sampling). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new Error(`bad range ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = out[i] as T;
      out[i] = out[j] as T;
      out[j] = t;
    }
    return out;
  }

  private refill(): void {
    const block = new Uint8Array(this.seed.length + 8);
    block.set(this.seed);
    const view = new DataView(block.buffer);
    view.setUint32(this.seed.length, Math.floor(this.counter / 2 ** 32));
    view.setUint32(this.seed.length + 4, this.counter >>> 0);
    this.counter++;
    const digest = sha256Bytes(block);
    const dv = new DataView(digest.buffer);
    this.words = new Uint32Array(8);
    for (let i = 0; i < 8; i++) this.words[i] = dv.getUint32(i * 4);
    this.index = 0;
  }
}
