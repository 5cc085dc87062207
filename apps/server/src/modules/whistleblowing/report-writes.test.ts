import { describe, expect, it } from 'vitest';
import { handlingSnapshot } from './report-writes.ts';
import type { WhistleReportRow } from './whistleblowing.repository.ts';

const row: WhistleReportRow = {
  id: 7,
  org_unit_id: 1,
  receipt_code: 'ACDE-FGHJ-KM',
  password_hash: '$argon2id$secret',
  category: 'major_hazard',
  enterprise_id: 3,
  enterprise_name: '示例化工有限公司',
  place: '三号仓库',
  description: '消防通道堵塞',
  anonymous: 0,
  is_employee: 1,
  status: 'accepted',
  department_id: 4,
  transfer_to: null,
  duplicate_of: null,
  investigation: '现场核查',
  conclusion: null,
  conclusion_reason: null,
  hazard_id: null,
  public_reply: null,
  received_on: '2026-11-30',
  accepted_on: '2026-11-30',
  due_on: '2026-12-30',
  extension_days: 0,
  extension_reason: null,
  extension_approved_by: null,
  concluded_on: null,
  feedback_due_on: null,
  feedback_on: null,
  created_at: '2026-11-30T01:00:00.000Z',
  updated_at: '2026-11-30T02:00:00.000Z',
  version: 3,
};

describe('handlingSnapshot', () => {
  it('keeps the handling fields only, in order: no receipt, password, description or enterprise text', () => {
    expect(JSON.stringify(handlingSnapshot(row))).toBe(
      JSON.stringify({
        status: 'accepted',
        department_id: 4,
        transfer_to: null,
        duplicate_of: null,
        conclusion: null,
        conclusion_reason: null,
        hazard_id: null,
        public_reply: null,
        due_on: '2026-12-30',
        extension_days: 0,
        feedback_on: null,
        version: 3,
      }),
    );
  });

  it('leaves out what a partial row does not carry', () => {
    expect(JSON.stringify(handlingSnapshot({ status: 'concluded', version: 5 }))).toBe(
      '{"status":"concluded","version":5}',
    );
  });
});
