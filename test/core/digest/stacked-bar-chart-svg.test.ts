import { describe, expect, it } from 'vitest';
import { seriesColour } from '../../../src/core/digest/series-colour.js';
import { dollars, stackedBarChartSvg } from '../../../src/core/digest/stacked-bar-chart-svg.js';

const NOV_16 = Date.UTC(2026, 10, 16) / 1000;
const DAY = 86_400;
const usd = (value: number) => value * 1e6;

const days = Array.from({ length: 14 }, (_, i) => ({
  day: NOV_16 + i * DAY,
  values: { anthropic: usd(1_000 + i * 100), openai: usd(1_200), bedrock: usd(i === 3 ? 0 : 800) },
}));

const rects = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]{6})"\/>/g,
    ),
  ].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
    height: Number(match[4]),
    fill: match[5],
  }));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);

describe('stackedBarChartSvg', () => {
  const svg = stackedBarChartSvg({
    days,
    title: 'All teams: spend per day by provider',
    unit: 'usd',
    split: { at: 7, before: 'week of 2026-11-16', after: 'week of 2026-11-23' },
  });

  it('is an 800×440 SVG document with a white background', () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="440" viewBox="0 0 800 440"/,
    );
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<rect width="800" height="440" fill="#ffffff"/>');
  });

  it('draws one segment per provider and day, $0 segments left out: 14 × 3 - 1 = 41 bars', () => {
    expect(rects(svg)).toHaveLength(41);
    expect(svg.match(/<rect [^>]*rx="2"/g)).toHaveLength(3);
  });

  it('stacks the largest provider at the axis and keeps each provider’s colour', () => {
    const firstDay = rects(svg).filter((rect) => rect.x > 84 && rect.x < 84 + 50 && rect.height > 12);
    // anthropic totals $18,100, openai $16,800, bedrock $10,400 over the 14 days.
    expect(firstDay.sort((a, b) => b.y - a.y).map((rect) => rect.fill)).toEqual([
      seriesColour('anthropic'),
      seriesColour('openai'),
      seriesColour('bedrock'),
    ]);
  });

  it('bar heights are proportional to dollars: $1,000 of anthropic is 5/6 of $1,200 of openai', () => {
    const [bottom, middle] = rects(svg)
      .filter((rect) => rect.x > 84 && rect.x < 134 && rect.height > 12)
      .sort((a, b) => b.y - a.y);
    expect((bottom?.height ?? 0) / (middle?.height ?? 1)).toBeCloseTo(1_000 / 1_200, 2);
  });

  it('labels the dollar ticks, the days in UTC, the legend, the axes and both weeks', () => {
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'All teams: spend per day by provider',
        'anthropic',
        'openai',
        'bedrock',
        '$0',
        '$1k',
        '$4k',
        'Mon',
        'Nov 16',
        'Sun',
        'Nov 29',
        'week of 2026-11-16',
        'week of 2026-11-23',
        'Day (UTC)',
        'Spend per day (USD)',
      ]),
    );
  });

  it('is the same text for the same input', () => {
    expect(
      stackedBarChartSvg({
        days,
        title: 'All teams: spend per day by provider',
        unit: 'usd',
        split: { at: 7, before: 'week of 2026-11-16', after: 'week of 2026-11-23' },
      }),
    ).toBe(svg);
  });

  it('draws a -$25 credit below the axis with a negative tick', () => {
    const credit = stackedBarChartSvg({
      days: [
        { day: NOV_16, values: { openai: usd(-25) } },
        { day: NOV_16 + DAY, values: { openai: usd(100) } },
      ],
      title: 'credit',
      unit: 'usd',
    });
    expect(texts(credit)).toEqual(expect.arrayContaining(['-$25', '$0', '$100']));
    const [bar] = rects(credit);
    const zero = Number(/<line x1="[\d.]+" y1="([\d.]+)"[^>]*stroke="#57606a"/.exec(credit)?.[1]);
    expect(bar?.y).toBe(zero);
  });

  it('escapes markup in names: a team called <R&D> stays text', () => {
    const escaped = stackedBarChartSvg({
      days: [{ day: NOV_16, values: { '<R&D>': usd(5) } }],
      title: 'Team <R&D>',
      unit: 'usd',
    });
    expect(escaped).toContain('Team &lt;R&amp;D&gt;');
    expect(escaped).not.toContain('<R&D>');
  });

  it('draws an empty chart with a $0..$1 axis when there is no spend', () => {
    const empty = stackedBarChartSvg({ days: [{ day: NOV_16, values: {} }], title: 'nothing', unit: 'usd' });
    expect(texts(empty)).toEqual(expect.arrayContaining(['$0', '$1']));
  });
});

describe('seriesColour', () => {
  it('gives each provider its own fixed colour', () => {
    const providers = ['anthropic', 'openai', 'bedrock', 'vertex', 'azure', 'focus'];
    expect(new Set(providers.map(seriesColour)).size).toBe(6);
    expect(seriesColour('anthropic')).toBe('#d97757');
  });

  it('gives any other name the same colour every time', () => {
    expect(seriesColour('unallocated')).toBe(seriesColour('unallocated'));
    expect(seriesColour('toString')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('dollars', () => {
  it.each([
    [0, '$0'],
    [250, '$250'],
    [0.5, '$0.5'],
    [1_500, '$1.5k'],
    [2_000_000, '$2M'],
    [-25, '-$25'],
  ])('%d → %s', (value, label) => {
    expect(dollars(value)).toBe(label);
  });
});
