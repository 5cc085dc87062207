import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { createHandlers, type HandlerSessions, submitReport } from './whistle-helpers.ts';

/** A reporter's phone photo keeps no EXIF (GPS, camera), XMP or comment: what the handler opens is clean. */
describeEachDatabase('whistleblowing photo metadata', (get) => {
  let t: TestApp;
  let h: HandlerSessions;
  const photo = readFileSync(join(import.meta.dirname, 'files/gps-exif.jpg'));

  beforeAll(async () => {
    t = await buildTestApp(get());
    h = await createHandlers(t, get().handle.db);
  });

  it('strips GPS EXIF from an uploaded JPEG before it is stored', async () => {
    const res = await submitReport(t, { files: [{ filename: 'IMG_0001.jpg', content: photo }], ip: '10.40.0.1' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = await get()
      .handle.db.selectFrom('whistle_reports')
      .select('id')
      .where('receipt_code', '=', res.json().receiptCode)
      .executeTakeFirstOrThrow();
    const headers = { cookie: h.handlerAdmin.cookie, 'x-csrf-token': h.handlerAdmin.csrf };
    const view = await t.app.inject({ method: 'GET', url: `/api/whistle/reports/${id}`, headers });
    const att = view.json().attachments[0];
    expect(att.kind).toBe('photo');
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/whistle/reports/${id}/attachments/${att.id}`,
      headers,
    });
    expect(file.statusCode).toBe(200);
    const kept = file.rawPayload;
    expect(kept.subarray(0, 4).toString('hex')).toBe('ffd8ffe0');
    for (const gone of ['DubanTestCam', 'GPSLatitude', '39.9075N', 'Exif\0\0MM\0*\0\0\0\b\0\u0003']) {
      expect(kept.includes(Buffer.from(gone, 'latin1'))).toBe(false);
    }
    // the picture itself is untouched: everything from the start of scan on is the same
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(sos(kept).equals(sos(photo))).toBe(true);
  });
});
