import { describe, expect, it } from 'vitest';
import { reportWindow } from '../../../src/collectors/anthropic/report-window.js';

const HOUR = 3_600;
const DAY = 86_400;
const NOW = Date.UTC(2026, 10, 29, 10, 30) / 1000; // 2026-11-29T10:30Z
const hourly = { now: NOW, bucketSeconds: HOUR, backfillSeconds: 30 * DAY, repollSeconds: 6 * HOUR };

describe('reportWindow', () => {
  it.each([
    ['no cursor: 30 days back', {}, NOW - 30 * DAY - 1_800, NOW + 1_800],
    [
      'cursor 1 hour ago: the 6-hour repoll wins',
      { cursor: NOW - HOUR },
      NOW - 6 * HOUR - 1_800,
      NOW + 1_800,
    ],
    [
      'cursor 2 days ago: the cursor wins',
      { cursor: NOW - 2 * DAY - 1_800 },
      NOW - 2 * DAY - 1_800,
      NOW + 1_800,
    ],
    [
      'since and until given',
      { since: NOW - 10 * HOUR - 60, until: NOW - 2 * HOUR - 60 },
      NOW - 11 * HOUR + 1_800,
      NOW - 2 * HOUR + 1_800,
    ],
  ])('%s', (_label, input, start, end) => {
    expect(reportWindow({ ...hourly, ...input })).toEqual({ start, end, completeBefore: NOW - 1_800 });
  });

  it('reads days up to the end of the current day and treats today as incomplete', () => {
    const daily = reportWindow({
      now: NOW,
      cursor: NOW,
      bucketSeconds: DAY,
      backfillSeconds: 30 * DAY,
      repollSeconds: 2 * DAY,
    });
    const today = Date.UTC(2026, 10, 29) / 1000;
    expect(daily).toEqual({ start: today - 2 * DAY, end: today + DAY, completeBefore: today });
  });
});
