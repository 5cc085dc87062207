import { describe, expect, it } from 'vitest';
import { forgetLeasedVersions, VersionLease } from './version-lease.ts';

describe('VersionLease', () => {
  it('reuses a version for less than the lease, then looks it up again', async () => {
    let clock = 0;
    const lease = new VersionLease(1_000, () => clock);
    let lookups = 0;
    const lookup = async () => ++lookups;
    expect(await lease.version('1', lookup)).toBe(1);
    clock = 999;
    expect(await lease.version('1', lookup)).toBe(1);
    expect(await lease.version('2', lookup)).toBe(2); // another key is its own lease
    clock = 1_000;
    expect(await lease.version('1', lookup)).toBe(3);
  });

  it('forgets every lease when this process writes', async () => {
    const lease = new VersionLease(60_000, () => 0);
    let lookups = 0;
    const lookup = async () => ++lookups;
    await lease.version('1', lookup);
    await lease.version('1', lookup);
    expect(lookups).toBe(1);
    forgetLeasedVersions();
    expect(await lease.version('1', lookup)).toBe(2);
  });

  it('does not keep an answer looked up while a write happened', async () => {
    const lease = new VersionLease(60_000, () => 0);
    let lookups = 0;
    const racing = lease.version('1', async () => {
      forgetLeasedVersions(); // a write commits while this lookup is running
      return ++lookups;
    });
    expect(await racing).toBe(1);
    expect(await lease.version('1', async () => ++lookups)).toBe(2);
  });
});
