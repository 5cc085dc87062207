import { describe, expect, it } from 'vitest';
import { availableActions, type HazardFacts, isOverdue, isStock2023, nextStatus } from './hazard-workflow.ts';

const general = (over: Partial<HazardFacts> = {}): HazardFacts => ({
  status: 'reported',
  level: 'general',
  hasBasis: false,
  hasPlan: false,
  hasEvaluation: false,
  lastAcceptance: null,
  ...over,
});
const major = (over: Partial<HazardFacts> = {}): HazardFacts =>
  general({ level: 'major', hasBasis: true, hasPlan: true, hasEvaluation: true, ...over });

const next = (h: HazardFacts, a: Parameters<typeof nextStatus>[1]) => {
  const r = nextStatus(h, a);
  return r.ok ? r.next : r.refusal.code;
};

describe('hazard workflow', () => {
  it('walks the whole loop of a major hazard', () => {
    expect(next(major(), 'confirm')).toBe('confirmed');
    expect(next(major({ status: 'confirmed' }), 'start_rectification')).toBe('rectifying');
    expect(next(major({ status: 'rectifying' }), 'request_acceptance')).toBe('acceptance_requested');
    expect(next(major({ status: 'acceptance_requested' }), 'accept_pass')).toBe('accepted');
    expect(next(major({ status: 'accepted', lastAcceptance: 'pass' }), 'close')).toBe('closed');
  });

  it('sends a failed acceptance back to rectification', () => {
    expect(next(major({ status: 'acceptance_requested' }), 'accept_fail')).toBe('rectifying');
  });

  it('refuses 销号 without a passed acceptance from every open state', () => {
    for (const status of ['reported', 'confirmed', 'rectifying', 'acceptance_requested'] as const) {
      expect(next(general({ status }), 'close')).toBe('acceptance_required');
      expect(next(major({ status }), 'close')).toBe('acceptance_required');
    }
    expect(next(major({ status: 'accepted', lastAcceptance: 'fail' }), 'close')).toBe('acceptance_required');
    expect(next(major({ status: 'closed', lastAcceptance: 'pass' }), 'close')).toBe('wrong_state');
  });

  it('requires the basis, the plan and the evaluation of a major hazard at their steps', () => {
    expect(next(major({ hasBasis: false }), 'confirm')).toBe('basis_required');
    expect(next(major({ status: 'confirmed', hasPlan: false }), 'start_rectification')).toBe('plan_required');
    expect(next(major({ status: 'rectifying', hasEvaluation: false }), 'request_acceptance')).toBe(
      'evaluation_required',
    );
    // A general hazard needs none of them.
    expect(next(general(), 'confirm')).toBe('confirmed');
    expect(next(general({ status: 'confirmed' }), 'start_rectification')).toBe('rectifying');
    expect(next(general({ status: 'rectifying' }), 'request_acceptance')).toBe('acceptance_requested');
  });

  it('lets a general hazard be fixed on the spot, never a major one', () => {
    for (const status of ['reported', 'confirmed', 'rectifying'] as const) {
      expect(next(general({ status }), 'fix_on_spot')).toBe('closed');
      expect(next(major({ status }), 'fix_on_spot')).toBe('major_no_spot_fix');
    }
    expect(next(general({ status: 'acceptance_requested' }), 'fix_on_spot')).toBe('wrong_state');
  });

  it('refuses steps out of order with a message naming the state', () => {
    const r = nextStatus(general({ status: 'closed' }), 'confirm');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.message).toContain('已销号');
    expect(next(general(), 'accept_pass')).toBe('wrong_state');
    expect(next(general({ status: 'accepted', lastAcceptance: 'pass' }), 'request_acceptance')).toBe('wrong_state');
  });

  it('lists the available actions', () => {
    expect(availableActions(general())).toEqual(['confirm', 'fix_on_spot']);
    expect(availableActions(major({ status: 'acceptance_requested' }))).toEqual(['accept_pass', 'accept_fail']);
    expect(availableActions(major({ status: 'closed', lastAcceptance: 'pass' }))).toEqual([]);
  });

  it('tells overdue and stock hazards', () => {
    expect(isOverdue('rectifying', '2024-05-01', '2024-05-02')).toBe(true);
    expect(isOverdue('rectifying', '2024-05-01', '2024-05-01')).toBe(false);
    expect(isOverdue('closed', '2024-05-01', '2024-06-01')).toBe(false);
    expect(isOverdue('rectifying', null, '2030-01-01')).toBe(false);
    expect(isStock2023('2023-12-31')).toBe(true);
    expect(isStock2023('2024-01-01')).toBe(false);
  });
});
