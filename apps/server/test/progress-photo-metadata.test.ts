import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayInShanghai } from '@duban/shared/civil-date';
import { beforeAll, expect, it } from 'vitest';
import { addEvidence } from '../src/modules/progress/add-evidence.ts';
import { LocalEvidenceStorage } from '../src/modules/progress/storage/local-evidence-storage.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { multipart } from './multipart.ts';

/** Progress evidence photos keep no EXIF with GPS, XMP or comment, like hazard, inspection and public report photos. */
describeEachDatabase('progress evidence photo metadata', (get) => {
  let t: TestApp;
  const photo = readFileSync(join(import.meta.dirname, 'files/gps-exif.jpg'));
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
  const evidenceDir = () => join(get().dataDir, 'evidence');

  /** The stored JPEG has no camera, GPS or position left, the same image data, and is stored under its own hash. */
  function expectStripped(kept: Buffer, stored: { sha256: string; size: number }) {
    expect(kept.subarray(0, 2).toString('hex')).toBe('ffd8');
    for (const gone of ['DubanTestCam', 'GPSLatitude', '39.9075N']) expect(kept.includes(gone)).toBe(false);
    expect(sos(kept).equals(sos(photo))).toBe(true);
    expect(kept.length).toBeLessThan(photo.length);
    expect(stored).toEqual({ sha256: sha256(kept), size: kept.length });
    const onDisk = readFileSync(
      join(evidenceDir(), stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256),
    );
    expect(onDisk.equals(kept)).toBe(true);
  }

  async function draftReport(): Promise<number> {
    const inbox = (await t.as('dept_b', { method: 'GET', url: '/api/inbox?limit=200' })).json() as {
      items: { id: number; latestReport: unknown }[];
    };
    const occurrence = inbox.items.find((i) => i.latestReport === null);
    if (!occurrence) throw new Error('no fresh occurrence');
    const res = await t.as('dept_b', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: occurrence.id, text: '现场整改照片', workDate: todayInShanghai() },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it('strips GPS EXIF from an uploaded JPEG on the streamed path, hashing the bytes it stores', async () => {
    expect(photo.includes('GPSLatitude') || photo.includes('DubanTestCam')).toBe(true);
    const reportId = await draftReport();
    const body = multipart({}, [{ field: 'file', filename: 'IMG_0003.jpg', content: photo }]);
    const up = await t.as('dept_b', { method: 'POST', url: `/api/reports/${reportId}/evidence`, ...body });
    expect(up.statusCode, up.body).toBe(201);
    const [e] = up.json().evidence as { id: number; sha256: string; size: number; mime: string }[];
    expect(e?.mime).toBe('image/jpeg');
    const file = await t.as('dept_b', { method: 'GET', url: `/api/evidence/${e?.id}` });
    expect(file.statusCode).toBe(200);
    expectStripped(file.rawPayload, { sha256: e?.sha256 ?? '', size: e?.size ?? 0 });
  });

  it('strips it on the buffered path too (a part without a stream)', async () => {
    const { db } = get().handle;
    const reportId = await draftReport();
    const staff = await db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    const scope = { orgUnitId: t.scope.orgUnitId, departmentId: null, userId: staff.id, actor: 'staff' };
    async function* parts() {
      yield { fileName: 'IMG_0004.jpg', read: async () => photo };
    }
    const res = await addEvidence(db, new LocalEvidenceStorage(evidenceDir()), scope, reportId, parts());
    const [e] = res.evidence;
    const stored = await new LocalEvidenceStorage(evidenceDir()).get(e?.sha256 ?? '');
    const kept = Buffer.isBuffer(stored) ? stored : Buffer.concat(await stored.toArray());
    expectStripped(kept, { sha256: e?.sha256 ?? '', size: e?.size ?? 0 });
  });
});
