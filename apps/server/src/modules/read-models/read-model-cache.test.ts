import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodedBody, etagMatches, ReadModelCache } from './read-model-cache.ts';

describe('ReadModelCache', () => {
  it('computes once per (key, version) and shares a computation in flight', async () => {
    const cache = new ReadModelCache();
    let calls = 0;
    const compute = async () => {
      calls++;
      return { n: calls };
    };
    const [a, b] = await Promise.all([cache.get('k', 1, compute), cache.get('k', 1, compute)]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    expect(JSON.parse(a.json.toString())).toEqual({ n: 1 });
    const v2 = await cache.get('k', 2, compute);
    expect(calls).toBe(2);
    expect(v2.etag).not.toBe(a.etag);
    expect(cache.stats()).toEqual({ entries: 2, hits: 1, misses: 2 });
  });

  it('gives equal bodies equal ETags whatever the version', async () => {
    const cache = new ReadModelCache();
    const one = await cache.get('k', 1, async () => ({ same: true }));
    const two = await cache.get('k', 2, async () => ({ same: true }));
    expect(two.etag).toBe(one.etag);
  });

  it('does not keep a failed computation', async () => {
    const cache = new ReadModelCache();
    await expect(cache.get('k', 1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    const ok = await cache.get('k', 1, async () => ({ ok: true }));
    expect(JSON.parse(ok.json.toString())).toEqual({ ok: true });
  });

  it('drops the least recently used entry beyond its bound', async () => {
    const cache = new ReadModelCache(2);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    await cache.get('a', 1, compute);
    await cache.get('b', 1, compute);
    await cache.get('a', 1, compute); // a is now the most recent
    await cache.get('c', 1, compute); // drops b
    expect(calls).toBe(3);
    await cache.get('a', 1, compute);
    expect(calls).toBe(3);
    await cache.get('b', 1, compute);
    expect(calls).toBe(4);
    expect(cache.stats().entries).toBe(2);
  });
});

describe('encodedBody', () => {
  const big = { text: '安全生产'.repeat(500) };
  it('compresses once per encoding, preferring brotli, and leaves small bodies alone', async () => {
    const body = await new ReadModelCache().get('k', 1, async () => big);
    const br = encodedBody(body, 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(big);
    expect(encodedBody(body, 'br').bytes).toBe(br.bytes);
    const gz = encodedBody(body, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(big);
    expect(encodedBody(body, undefined)).toEqual({ encoding: null, bytes: body.json });
    const small = await new ReadModelCache().get('k', 1, async () => ({ a: 1 }));
    expect(encodedBody(small, 'br').encoding).toBeNull();
  });
});

describe('etagMatches', () => {
  it('compares weakly and reads lists and *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});
