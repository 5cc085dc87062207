import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { STAGED_HEAD_BYTES, type StagedEvidence } from './evidence-storage.ts';

/**
 * Streams an upload to a staging file in `dir` while hashing it and keeping its first bytes (never the whole file
 * in memory). Every store stages on this instance's disk: the request that stages also commits or discards.
 */
export async function stageToFile(dir: string, source: Readable): Promise<StagedEvidence> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${randomBytes(12).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      if (headBytes < STAGED_HEAD_BYTES) {
        const part = chunk.subarray(0, STAGED_HEAD_BYTES - headBytes);
        head.push(Buffer.from(part));
        headBytes += part.length;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
  } catch (error) {
    await unlink(path).catch(() => {});
    throw error;
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), path };
}

export async function discardStaged(staged: StagedEvidence): Promise<void> {
  await unlink(staged.path).catch(() => {});
}
