import { MICROS_PER_USD } from '../money.js';
import { niceTicks } from './nice-ticks.js';
import { seriesColour } from './series-colour.js';

/** What a stacked bar chart shows: one bar per day, one segment per series. */
export interface StackedBarChartInput {
  /** `day`: UTC midnight, epoch seconds; `values`: per series, micro-USD when `unit` is `usd`. */
  days: ReadonlyArray<{ day: number; values: Readonly<Record<string, number>> }>;
  title: string;
  unit: 'usd';
  /** A dashed line before `days[at]`, captioned on either side (`previous week` | `this week`). */
  split?: { at: number; before: string; after: string };
  /** Pixels; the PNG rendered from the SVG has this size. */
  width?: number;
  height?: number;
}

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A stacked bar chart as a standalone SVG document: title, legend, dollar ticks with grid lines,
 * day labels (UTC) and axis titles. Series are stacked largest first from the axis up (credits
 * below zero), each in its `seriesColour`. Deterministic: the same input gives the same text.
 */
export function stackedBarChartSvg({
  days,
  title,
  split,
  width = 800,
  height = 440,
}: StackedBarChartInput): string {
  const plot = { left: 84, right: width - 24, top: 100, bottom: height - 72 };
  const series = seriesOrder(days);
  const stacks = days.map((entry) => stack(entry.values, series));
  const ends = stacks.flat().flatMap((segment) => [segment.from, segment.to]);
  const ticks = niceTicks(Math.min(0, ...ends) / MICROS_PER_USD, Math.max(0, ...ends) / MICROS_PER_USD);
  const low = ticks[0] ?? 0;
  const high = ticks.at(-1) ?? 1;
  const y = (micros: number) =>
    plot.bottom - ((micros / MICROS_PER_USD - low) / (high - low)) * (plot.bottom - plot.top);
  const slot = (plot.right - plot.left) / Math.max(1, days.length);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(24, 34, title, { size: 18, weight: 'bold', fill: '#1f2328' }),
    ...legend(series, 24, 62),
  ];
  for (const tick of ticks) {
    const at = y(tick * MICROS_PER_USD);
    parts.push(
      `<line x1="${n(plot.left)}" y1="${n(at)}" x2="${n(plot.right)}" y2="${n(at)}" stroke="${tick === 0 ? '#57606a' : '#d0d7de'}" stroke-width="1"/>`,
      text(plot.left - 8, at + 4, dollars(tick), { size: 12, anchor: 'end', fill: '#57606a' }),
    );
  }
  days.forEach((entry, index) => {
    const x = plot.left + index * slot;
    for (const segment of stacks[index] ?? []) {
      const top = y(Math.max(segment.from, segment.to));
      const bottom = y(Math.min(segment.from, segment.to));
      if (bottom - top < 0.05) continue;
      parts.push(
        `<rect x="${n(x + slot * 0.15)}" y="${n(top)}" width="${n(slot * 0.7)}" height="${n(bottom - top)}" fill="${seriesColour(segment.key)}"/>`,
      );
    }
    const date = new Date(entry.day * 1000);
    const center = x + slot / 2;
    parts.push(
      text(center, plot.bottom + 18, WEEKDAYS[date.getUTCDay()] ?? '', { size: 11, anchor: 'middle' }),
      text(center, plot.bottom + 33, `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`, {
        size: 10,
        anchor: 'middle',
        fill: '#57606a',
      }),
    );
  });
  if (split && split.at > 0 && split.at < days.length) {
    const x = plot.left + split.at * slot;
    parts.push(
      `<line x1="${n(x)}" y1="${n(plot.top - 18)}" x2="${n(x)}" y2="${n(plot.bottom)}" stroke="#57606a" stroke-width="1" stroke-dasharray="4 3"/>`,
      text((plot.left + x) / 2, plot.top - 8, split.before, { size: 12, anchor: 'middle', fill: '#57606a' }),
      text((x + plot.right) / 2, plot.top - 8, split.after, { size: 12, anchor: 'middle', fill: '#57606a' }),
    );
  }
  parts.push(
    text((plot.left + plot.right) / 2, height - 12, 'Day (UTC)', {
      size: 12,
      anchor: 'middle',
      fill: '#57606a',
    }),
    `<text x="20" y="${n((plot.top + plot.bottom) / 2)}" font-size="12" fill="#57606a" text-anchor="middle" transform="rotate(-90 20 ${n((plot.top + plot.bottom) / 2)})">Spend per day (USD)</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

interface Segment {
  key: string;
  from: number;
  to: number;
}

/** Series by total spend, largest first (ties by name), so the biggest sits on the axis. */
function seriesOrder(days: StackedBarChartInput['days']): string[] {
  const totals = new Map<string, number>();
  for (const entry of days) {
    for (const [key, value] of Object.entries(entry.values)) totals.set(key, (totals.get(key) ?? 0) + value);
  }
  return [...totals]
    .sort(([a, x], [b, y]) => Math.abs(y) - Math.abs(x) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key]) => key);
}

function stack(values: Readonly<Record<string, number>>, series: readonly string[]): Segment[] {
  let above = 0;
  let below = 0;
  const segments: Segment[] = [];
  for (const key of series) {
    const value = values[key] ?? 0;
    if (value > 0) {
      segments.push({ key, from: above, to: above + value });
      above += value;
    } else if (value < 0) {
      segments.push({ key, from: below, to: below + value });
      below += value;
    }
  }
  return segments;
}

function legend(series: readonly string[], left: number, baseline: number): string[] {
  let x = left;
  return series.flatMap((key) => {
    const item = [
      `<rect x="${n(x)}" y="${n(baseline - 11)}" width="12" height="12" rx="2" fill="${seriesColour(key)}"/>`,
      text(x + 18, baseline, key, { size: 13, fill: '#1f2328' }),
    ];
    // DejaVu Sans at 13px averages about 8px a character.
    x += 18 + key.length * 8 + 20;
    return item;
  });
}

function text(
  x: number,
  y: number,
  content: string,
  {
    size,
    anchor = 'start',
    weight,
    fill = '#1f2328',
  }: { size: number; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; fill?: string },
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}"${weight ? ` font-weight="${weight}"` : ''} fill="${fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/** A tick label: `$0`, `$250`, `$1.5k`, `$2M`, `-$25`. */
export function dollars(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}$${trim(abs / 1e3)}k`;
  return `${sign}$${trim(abs)}`;
}

function trim(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** Coordinates to a tenth of a pixel: enough for the eye, short and stable in the text. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
