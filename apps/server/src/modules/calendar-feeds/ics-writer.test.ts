import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics-writer.ts';
import { seriesRule } from './rrule-series.ts';

describe('iCalendar writer', () => {
  it('escapes TEXT and folds at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'安全生产'.repeat(20)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });

  it('round-trips through ical.js', () => {
    const description = '任务：序号7, 含逗号; 分号\\反斜杠\n第二行'.repeat(4);
    const text = buildCalendar(
      {
        name: '督办日历',
        description: '测试',
        events: [
          { uid: 'occ-1@duban', date: '2024-03-31', summary: '序号7：检查', description },
          {
            uid: 'series-1-2@duban',
            date: '2024-01-31',
            summary: '序号3：每月',
            description: 'x',
            rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231',
          },
        ],
      },
      new Date('2024-03-01T00:00:00Z'),
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const vcal = new ICAL.Component(ICAL.parse(text));
    const [one, series] = vcal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(one?.description).toBe(description);
    expect(one?.startDate.isDate).toBe(true);
    expect(one?.startDate.toString()).toBe('2024-03-31');
    expect(one?.endDate.toString()).toBe('2024-04-01');
    const it = series?.iterator();
    const dates: string[] = [];
    for (let next = it?.next(); next && dates.length < 20; next = it?.next()) dates.push(next.toString());
    expect(dates).toHaveLength(12);
    expect(dates.slice(0, 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });
});

describe('seriesRule', () => {
  it('maps month ends, quarters, half-years, fixed days, weeks and years', () => {
    expect(seriesRule(['2024-01-31', '2024-02-29', '2024-03-31'])).toBe('FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20240331');
    expect(seriesRule(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'])).toBe(
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;UNTIL=20241231',
    );
    expect(seriesRule(['2024-06-30', '2024-12-31'])).toBe('FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1;UNTIL=20241231');
    expect(seriesRule(['2024-01-25', '2024-02-25'])).toBe('FREQ=MONTHLY;BYMONTHDAY=25;UNTIL=20240225');
    expect(seriesRule(['2024-03-03', '2024-03-10', '2024-03-17'])).toBe('FREQ=WEEKLY;BYDAY=SU;UNTIL=20240317');
    expect(seriesRule(['2024-04-30', '2025-04-30'])).toBe('FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1;UNTIL=20250430');
  });

  it('refuses what does not map cleanly', () => {
    expect(seriesRule(['2024-03-31'])).toBeNull();
    expect(seriesRule(['2024-01-31', '2024-03-31'])).toBe('FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1;UNTIL=20240331');
    expect(seriesRule(['2024-01-31', '2024-02-29', '2024-04-30'])).toBeNull(); // a gap
    expect(seriesRule(['2024-01-30', '2024-02-29', '2024-03-30'])).toBeNull(); // clamped day 30
    expect(seriesRule(['2024-01-31', '2024-02-20'])).toBeNull();
  });
});
