import { describe, expect, it } from 'vitest';
import { collectStream, nextCursor, streamWindow } from '../../src/collectors/paged-stream.js';
import { MemorySink } from '../support/memory-sink.js';

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

describe('collectStream', () => {
  const sinkWith = (cursor?: number) => {
    const writes: Array<{ buckets: number[]; cursor: number }> = [];
    const sink = new MemorySink();
    if (cursor !== undefined) sink.cursors.set('openai/usage', cursor).set('anthropic/usage', cursor);
    return { sink, writes };
  };
  const stream = (pages: Array<{ buckets: number[]; nextPage: string | null }>, writes: unknown[]) => ({
    stream: 'usage',
    bucketSeconds: HOUR,
    repollSeconds: 6 * HOUR,
    fetchPage: async (_window: unknown, page: string | undefined) => {
      const next = pages[page === undefined ? 0 : Number(page)];
      if (next === undefined) throw new Error(`no page ${page}`);
      return { ...next, facts: [] };
    },
    writePage: (_sink: unknown, page: { buckets: number[]; cursor: number }) => {
      writes.push({ buckets: page.buckets, cursor: page.cursor });
    },
  });

  it('writes each page with a cursor that stops at the current hour', async () => {
    const { sink, writes } = sinkWith(NOW - 2 * HOUR);
    const start = MIDNIGHT + 4 * HOUR;
    const pages = [
      { buckets: [start, start + HOUR, start + 2 * HOUR], nextPage: '1' },
      { buckets: [start + 3 * HOUR, start + 4 * HOUR, start + 5 * HOUR, start + 6 * HOUR], nextPage: null },
    ];
    const summary = await collectStream(
      'openai',
      stream(pages, writes),
      { now: NOW, sink },
      { backfillSeconds: 30 * DAY },
    );
    expect(writes).toEqual([
      { buckets: pages[0]?.buckets, cursor: NOW - 2 * HOUR },
      { buckets: pages[1]?.buckets, cursor: MIDNIGHT + 10 * HOUR },
    ]);
    expect(summary).toMatchObject({ pages: 2, from: start, to: MIDNIGHT + 11 * HOUR });
  });

  it.each([
    [
      'a page that repeats earlier buckets',
      [
        { buckets: [MIDNIGHT + 4 * HOUR], nextPage: '1' },
        { buckets: [MIDNIGHT + 4 * HOUR], nextPage: null },
      ],
      /repeats buckets/,
    ],
    ['an empty page that says there is more', [{ buckets: [], nextPage: '1' }], /does not move forward/],
    [
      'the same next_page twice',
      [
        { buckets: [MIDNIGHT + 4 * HOUR], nextPage: '1' },
        { buckets: [MIDNIGHT + 5 * HOUR], nextPage: '1' },
      ],
      /does not move forward/,
    ],
  ])('refuses %s with provider_schema', async (_, pages, message) => {
    const { sink, writes } = sinkWith(NOW - HOUR);
    await expect(
      collectStream('anthropic', stream(pages, writes), { now: NOW, sink }, { backfillSeconds: DAY }),
    ).rejects.toMatchObject({
      code: 'provider_schema',
      message: expect.stringMatching(message),
    });
  });
});
