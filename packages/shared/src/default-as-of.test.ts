import { describe, expect, it } from 'vitest';
import { defaultAsOf } from './default-as-of.ts';

describe('defaultAsOf', () => {
  it('is 31 December of a year that is over, today otherwise', () => {
    expect(defaultAsOf(2024, '2026-12-01')).toBe('2024-12-31');
    expect(defaultAsOf(2024, '2025-01-01')).toBe('2024-12-31');
    expect(defaultAsOf(2026, '2026-12-01')).toBe('2026-12-01');
    expect(defaultAsOf(2024, '2024-12-31')).toBe('2024-12-31');
    expect(defaultAsOf(2027, '2026-12-01')).toBe('2026-12-01');
  });
});
