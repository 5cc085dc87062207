import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { setupEnterprises } from './enterprise-fixtures.ts';
import { multipart } from './multipart.ts';

/** Hazard photos (整改前/后) keep no EXIF with GPS, XMP or comment, like the public report's and inspections'. */
describeEachDatabase('hazard photo metadata', (get) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof setupEnterprises>>;
  const photo = readFileSync(join(import.meta.dirname, 'files/gps-exif.jpg'));

  beforeAll(async () => {
    t = await buildTestApp(get());
    ids = await setupEnterprises(t, 4300);
  });

  it('strips GPS EXIF from an uploaded JPEG before it is stored', async () => {
    const created = await t.as('dept_a', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: ids.supervisedByA,
        channel: 'department_inspection',
        level: 'general',
        place: '二号车间',
        description: '安全出口堵塞',
        foundOn: '2026-11-03',
        foundBy: '应急管理部 检查组',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const body = multipart({}, [{ field: 'file', filename: 'IMG_0002.jpg', content: photo }]);
    const up = await t.as('dept_a', { method: 'POST', url: `/api/hazards/${id}/files?kind=before`, ...body });
    expect(up.statusCode, up.body).toBe(201);
    const detail = (await t.as('dept_a', { method: 'GET', url: `/api/hazards/${id}` })).json();
    const file = await t.as('dept_a', { method: 'GET', url: `/api/hazards/${id}/files/${detail.files[0].id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const kept = file.rawPayload;
    expect(kept.subarray(0, 2).toString('hex')).toBe('ffd8');
    for (const gone of ['DubanTestCam', 'GPSLatitude', '39.9075N']) expect(kept.includes(gone)).toBe(false);
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(sos(kept).equals(sos(photo))).toBe(true);
  });
});
