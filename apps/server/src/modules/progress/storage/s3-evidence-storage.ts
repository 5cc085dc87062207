import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type EvidenceStorage, SHA256_HEX, type StagedEvidence } from './evidence-storage.ts';
import { discardStaged, stageToFile } from './staging.ts';

export interface S3StorageOptions {
  /** e.g. https://oss-cn-beijing.aliyuncs.com or http://127.0.0.1:9000 (MinIO); unset: AWS by region. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, e.g. 'duban/'. */
  prefix: string;
  /** Unset: the SDK's default chain (environment, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (MinIO, most on-premises servers). */
  forcePathStyle: boolean;
}

/**
 * Evidence bytes in an S3-compatible bucket through the standard SDK: shared by every app instance. Objects are
 * named `<prefix>ab/<sha256>`; uploads stage on this instance's disk while they are checked and then stream to
 * the bucket. The bucket must exist (the deployment creates it; DEPLOYMENT.md).
 */
export class S3EvidenceStorage implements EvidenceStorage {
  private readonly client: S3Client;

  constructor(
    private readonly options: S3StorageOptions,
    private readonly stagingDir: string,
  ) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: the SDK's default (CRC32 trailers over aws-chunked bodies) is not
      // understood by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
    });
  }

  private keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid evidence key');
    return `${this.options.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!(await this.has(sha256))) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256), Body: bytes }),
      );
    }
    return { sha256, size: bytes.byteLength };
  }

  stage(source: Readable): Promise<StagedEvidence> {
    return stageToFile(this.stagingDir, source);
  }

  async commit(staged: StagedEvidence): Promise<{ sha256: string; size: number }> {
    try {
      if (!(await this.has(staged.sha256))) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.options.bucket,
            Key: this.keyOf(staged.sha256),
            Body: createReadStream(staged.path),
            ContentLength: staged.size,
          }),
        );
      }
    } finally {
      await discardStaged(staged);
    }
    return { sha256: staged.sha256, size: staged.size };
  }

  discard(staged: StagedEvidence): Promise<void> {
    return discardStaged(staged);
  }

  /** Streams the object (on Node the SDK's body is a Readable). */
  async get(sha256: string): Promise<Readable | Buffer> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
    if (out.Body instanceof Readable) return out.Body;
    if (!out.Body) throw new Error(`evidence ${sha256} has no body`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
  }

  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}
