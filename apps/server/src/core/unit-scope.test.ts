import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.ts';
import { principalForUnit, readableUnitIds, requestedUnit, requireCampaignId } from './unit-scope.ts';

const city = { id: 2, parentId: 1, code: '1409', name: '忻州市', level: 'city', campaignId: null } as const;
const zoneA = { id: 3, parentId: 2, code: '1409-a', name: '甲区', level: 'zone', campaignId: 7 } as const;
const zoneB = { id: 4, parentId: 2, code: '1409-b', name: '乙区', level: 'zone', campaignId: 8 } as const;

const cityOffice: Principal = {
  kind: 'session',
  userId: 1,
  username: 'city',
  role: 'office_admin',
  orgUnitId: 2,
  homeUnitId: 2,
  units: [city, zoneA, zoneB],
  readOnly: false,
  departmentId: null,
  isHead: false,
  actor: 'user:1',
};

describe('principalForUnit', () => {
  it('acts on the home unit when nothing or the home unit is named', () => {
    expect(principalForUnit(cityOffice, undefined, 'POST')).toBe(cityOffice);
    expect(principalForUnit(cityOffice, '1409', 'POST')).toBe(cityOffice);
    expect(principalForUnit(cityOffice, '2', 'GET')).toBe(cityOffice);
  });

  it('drills down read-only into a unit of the subtree, by code or id, without touching the given principal', () => {
    const viewing = principalForUnit(cityOffice, '1409-b', 'GET');
    expect(viewing).toMatchObject({ orgUnitId: 4, homeUnitId: 2, readOnly: true });
    expect(requireCampaignId(viewing)).toBe(8);
    expect(principalForUnit(cityOffice, '3', 'HEAD').orgUnitId).toBe(3);
    expect(cityOffice).toMatchObject({ orgUnitId: 2, readOnly: false });
    expect(readableUnitIds(cityOffice)).toEqual([2, 3, 4]);
  });

  it('refuses a unit outside the subtree and any write while drilled down', () => {
    expect(() => principalForUnit(cityOffice, '14', 'GET')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    const zoneOffice = { ...cityOffice, orgUnitId: 3, homeUnitId: 3, units: [zoneA] };
    expect(() => principalForUnit(zoneOffice, '1409-b', 'GET')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(() => principalForUnit(cityOffice, '1409-a', method)).toThrow(
        expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('只能查看') }),
      );
    }
  });

  it('has no campaign to offer for a unit without one', () => {
    expect(() => requireCampaignId(cityOffice)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('requestedUnit', () => {
  it('takes the header, then the query, then — for reads only — the cookie', () => {
    const cookies = { duban_unit: 'c' };
    expect(requestedUnit({ 'x-duban-unit': 'h' }, { unit: 'q' }, cookies, 'POST')).toBe('h');
    expect(requestedUnit({}, { unit: 'q' }, cookies, 'POST')).toBe('q');
    expect(requestedUnit({}, {}, cookies, 'GET')).toBe('c');
    expect(requestedUnit({}, {}, cookies, 'POST')).toBeUndefined();
    expect(requestedUnit({}, null, {}, 'GET')).toBeUndefined();
  });
});
