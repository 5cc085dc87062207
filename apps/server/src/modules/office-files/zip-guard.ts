import yauzl from 'yauzl';
import { AppError } from '../../core/app-error.ts';

/**
 * The zip directory of an office file (.xlsx, .docx) checked before any parser sees it: a file that weighs little
 * but expands to hundreds of megabytes (a zip bomb), or that holds millions of parts, is refused from its central
 * directory alone — nothing is inflated. Sizes a lying directory understates are still bounded by the parsing
 * worker's memory and time limits (office-worker-pool.ts).
 */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 80 * 1024 * 1024,
  maxRatio: 120,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipDirectory {
  entries: { name: string; compressed: number; uncompressed: number }[];
  totalUncompressed: number;
}

export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const tooBig = (what: string) =>
  new AppError(
    'file_too_complex',
    `文件解压后过大或结构异常（${what}），疑似压缩炸弹，已拒绝处理。请在 Office/WPS 中另存为普通文件后重新上传。`,
  );

type Opener = (options: yauzl.Options, callback: (err: Error | null, zip: yauzl.ZipFile) => void) => void;

const fromBytes =
  (bytes: Uint8Array): Opener =>
  (options, callback) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options, callback);

function readDirectory(open: Opener, limits: ZipLimits): Promise<ZipDirectory> {
  return new Promise((resolve, reject) => {
    open({ lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(new AppError('unreadable_file', '无法读取文件：不是有效的 Office 文件，或文件已损坏。'));
        return;
      }
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        reject(tooBig(`包含 ${zip.entryCount} 个部件，上限 ${limits.maxEntries}`));
        return;
      }
      const entries: ZipDirectory['entries'] = [];
      let total = 0;
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        entries.push({ name: e.fileName, compressed: e.compressedSize, uncompressed: e.uncompressedSize });
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
        if (total > limits.maxTotalBytes) {
          zip.close();
          reject(tooBig(`解压后超过 ${Math.round(limits.maxTotalBytes / 1048576)} MB`));
        } else if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
          zip.close();
          reject(tooBig(`部件压缩比 ${Math.round(ratio)} 倍`));
        } else {
          zip.readEntry();
        }
      });
      zip.on('end', () => resolve({ entries, totalUncompressed: total }));
      zip.on('error', () => reject(new AppError('unreadable_file', '无法读取文件：Office 文件的压缩目录已损坏。')));
      zip.readEntry();
    });
  });
}

/** Refuses (422) an office file whose zip directory exceeds the limits; returns the directory when it passes. */
export async function checkOfficeZip(
  bytes: Uint8Array,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): Promise<ZipDirectory | null> {
  if (!isZip(bytes)) return null;
  return readDirectory(fromBytes(bytes), limits);
}

/** The same check on a file on disk (evidence streamed to a staging file), reading only its directory. */
export function checkOfficeZipFile(path: string, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipDirectory> {
  return readDirectory((options, callback) => yauzl.open(path, options, callback), limits);
}

/** Reads one small entry (at most `maxBytes`) without touching the others; null when it is missing or too large. */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true },
      (err, zip) => {
        if (err || !zip) return resolve(null);
        let done = false;
        const finish = (value: Buffer | null) => {
          if (done) return;
          done = true;
          zip.close();
          resolve(value);
        };
        zip.on('entry', (e: yauzl.Entry) => {
          if (e.fileName !== name) return zip.readEntry();
          if (e.uncompressedSize > maxBytes) return finish(null);
          zip.openReadStream(e, (error, stream) => {
            if (error || !stream) return finish(null);
            const chunks: Buffer[] = [];
            let size = 0;
            stream.on('data', (c: Buffer) => {
              size += c.length;
              if (size > maxBytes) {
                stream.destroy();
                finish(null);
              } else chunks.push(c);
            });
            stream.on('end', () => finish(Buffer.concat(chunks)));
            stream.on('error', () => finish(null));
          });
        });
        zip.on('end', () => finish(null));
        zip.on('error', () => finish(null));
        zip.readEntry();
      },
    );
  });
}
