import { join } from 'node:path';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/database.ts';
import { DatabaseEvidenceStorage } from './database-evidence-storage.ts';
import type { EvidenceStorage } from './evidence-storage.ts';
import { LocalEvidenceStorage } from './local-evidence-storage.ts';
import { S3EvidenceStorage } from './s3-evidence-storage.ts';

export type StorageConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'DUBAN_STORAGE'
  | 'DUBAN_S3_ENDPOINT'
  | 'DUBAN_S3_REGION'
  | 'DUBAN_S3_BUCKET'
  | 'DUBAN_S3_PREFIX'
  | 'DUBAN_S3_ACCESS_KEY_ID'
  | 'DUBAN_S3_SECRET_ACCESS_KEY'
  | 'DUBAN_S3_FORCE_PATH_STYLE'
>;

/** The local disk under `<dataDir>/evidence`: one instance only (the default, and what tests get unless told). */
export function localEvidenceStorage(dataDir: string): EvidenceStorage {
  return new LocalEvidenceStorage(join(dataDir, 'evidence'));
}

/**
 * The one place a file store is made (main.ts, the CLI, buildApp's default): the kind DUBAN_STORAGE names. Shared
 * stores stage uploads under `<dataDir>/staging` on the instance that receives them.
 */
export function openEvidenceStorage(config: StorageConfig, db: Db): EvidenceStorage {
  const staging = join(config.DATA_DIR, 'staging');
  switch (config.DUBAN_STORAGE) {
    case 'local':
      return localEvidenceStorage(config.DATA_DIR);
    case 'database':
      return new DatabaseEvidenceStorage(db, staging);
    case 's3': {
      if (!config.DUBAN_S3_BUCKET) throw new Error('DUBAN_STORAGE=s3 需要 DUBAN_S3_BUCKET');
      return new S3EvidenceStorage(
        {
          region: config.DUBAN_S3_REGION,
          bucket: config.DUBAN_S3_BUCKET,
          prefix: config.DUBAN_S3_PREFIX,
          forcePathStyle: config.DUBAN_S3_FORCE_PATH_STYLE,
          ...(config.DUBAN_S3_ENDPOINT ? { endpoint: config.DUBAN_S3_ENDPOINT } : {}),
          ...(config.DUBAN_S3_ACCESS_KEY_ID ? { accessKeyId: config.DUBAN_S3_ACCESS_KEY_ID } : {}),
          ...(config.DUBAN_S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.DUBAN_S3_SECRET_ACCESS_KEY } : {}),
        },
        staging,
      );
    }
  }
}
