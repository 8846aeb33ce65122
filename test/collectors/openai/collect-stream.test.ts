import { describe, expect, it } from 'vitest';
import { nextCursor, streamWindow } from '../../../src/collectors/openai/collect-stream.js';

const HOUR = 3_600;
const DAY = 86_400;
const MIDNIGHT = Date.UTC(2026, 10, 29) / 1000;
const NOW = MIDNIGHT + 10 * HOUR + 1_234;
const HOURLY = { bucketSeconds: HOUR, repollSeconds: 6 * HOUR, backfillSeconds: 30 * DAY };

describe('streamWindow', () => {
  it.each([
    [
      'the first run reads 30 days back',
      {},
      undefined,
      [MIDNIGHT - 30 * DAY + 10 * HOUR, MIDNIGHT + 11 * HOUR],
    ],
    [
      'a cursor 20 hours back is where reading starts',
      {},
      NOW - 20 * HOUR,
      [MIDNIGHT - 10 * HOUR, MIDNIGHT + 11 * HOUR],
    ],
    [
      'a cursor 1 hour back still re-reads 6 hours',
      {},
      NOW - HOUR,
      [MIDNIGHT + 4 * HOUR, MIDNIGHT + 11 * HOUR],
    ],
    [
      'since overrides the cursor',
      { since: MIDNIGHT - 2 * DAY + 5 },
      NOW - HOUR,
      [MIDNIGHT - 2 * DAY, MIDNIGHT + 11 * HOUR],
    ],
    [
      'until 08:30 ends after the 08:00 bucket',
      { until: MIDNIGHT + 8.5 * HOUR },
      NOW - HOUR,
      [MIDNIGHT + 4 * HOUR, MIDNIGHT + 9 * HOUR],
    ],
    [
      'until 08:00 ends at 08:00',
      { until: MIDNIGHT + 8 * HOUR },
      NOW - HOUR,
      [MIDNIGHT + 4 * HOUR, MIDNIGHT + 8 * HOUR],
    ],
  ])('%s', (_name, bounds, cursor, [start, end]) => {
    expect(streamWindow({ now: NOW, ...bounds }, cursor, HOURLY)).toEqual({ start, end });
  });

  it('reads daily costs from 2 days back to the end of today', () => {
    const window = streamWindow({ now: NOW }, MIDNIGHT, {
      bucketSeconds: DAY,
      repollSeconds: 2 * DAY,
      backfillSeconds: 30 * DAY,
    });
    expect(window).toEqual({ start: MIDNIGHT - 2 * DAY, end: MIDNIGHT + DAY });
  });
});

describe('nextCursor', () => {
  const current = MIDNIGHT + 10 * HOUR;
  it.each([
    [
      'moves to the end of the page on the first run',
      undefined,
      MIDNIGHT - DAY,
      MIDNIGHT + 3 * HOUR,
      MIDNIGHT + 3 * HOUR,
    ],
    ['stops at the start of the current hour', undefined, MIDNIGHT - DAY, MIDNIGHT + 11 * HOUR, current],
    [
      'never moves back when a backfill ends before it',
      MIDNIGHT,
      MIDNIGHT - 5 * DAY,
      MIDNIGHT - 4 * DAY,
      MIDNIGHT,
    ],
    [
      'stays put when a backfill starts after it and leaves a gap',
      MIDNIGHT - 3 * DAY,
      MIDNIGHT - DAY,
      current,
      MIDNIGHT - 3 * DAY,
    ],
    [
      'advances when the window starts at or before it',
      MIDNIGHT,
      MIDNIGHT,
      MIDNIGHT + 4 * HOUR,
      MIDNIGHT + 4 * HOUR,
    ],
  ])('%s', (_name, stored, windowStart, lastBucketEnd, expected) => {
    expect(nextCursor(stored, windowStart, { lastBucketEnd, currentBucketStart: current })).toBe(expected);
  });
});
