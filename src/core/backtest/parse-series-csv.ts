/** One observation of an external series: UTC epoch seconds and the metric's value. */
export interface SeriesPoint {
  at: number;
  value: number;
}

/** A line of the file that was left out, with its 1-based line number and why. */
export interface SeriesProblem {
  line: number;
  message: string;
}

/** A parsed series: points sorted by time (a repeated timestamp keeps its last value), and the bad lines. */
export interface ParsedSeries {
  points: SeriesPoint[];
  problems: SeriesProblem[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SPACED = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a `timestamp,value` CSV (header first). Timestamps are ISO 8601 (UTC when no offset is
 * given) or `YYYY-MM-DD HH:MM:SS` (UTC); spacing may be irregular. A malformed line is reported by
 * line number and skipped; the rest is used.
 */
export function parseSeriesCsv(text: string): ParsedSeries {
  const lines = text.split(/\r?\n/);
  const problems: SeriesProblem[] = [];
  const byTime = new Map<number, number>();
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  if (header !== 'timestamp,value') {
    problems.push({ line: 1, message: `expected the header "timestamp,value", found "${lines[0] ?? ''}"` });
  }
  for (let index = 1; index < lines.length; index += 1) {
    const raw = (lines[index] ?? '').trim();
    if (raw === '') continue;
    const line = index + 1;
    const cells = raw.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== 2) {
      problems.push({ line, message: `expected 2 fields (timestamp,value), found ${cells.length}` });
      continue;
    }
    const [stamp = '', figure = ''] = cells;
    const at = parseTimestamp(stamp);
    if (at === undefined) {
      problems.push({
        line,
        message: `"${stamp}" is not a timestamp (ISO 8601 or YYYY-MM-DD HH:MM:SS, UTC)`,
      });
      continue;
    }
    if (!NUMBER.test(figure)) {
      problems.push({ line, message: `"${figure}" is not a number` });
      continue;
    }
    byTime.set(at, Number(figure));
  }
  const points = [...byTime].map(([at, value]) => ({ at, value })).sort((a, b) => a.at - b.at);
  return { points, problems };
}

/** UTC epoch seconds (whole), or `undefined` when the text is neither accepted format. */
export function parseTimestamp(text: string): number | undefined {
  const spaced = SPACED.exec(text);
  if (spaced) {
    const [, y, mo, d, h, mi, s] = spaced.map(Number) as number[];
    const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
    const check = new Date(ms);
    // Date.UTC rolls 2026-02-30 over to March: reject what does not round-trip.
    if (check.getUTCMonth() !== (mo as number) - 1 || check.getUTCDate() !== d || (h as number) > 23) {
      return undefined;
    }
    return Math.floor(ms / 1000);
  }
  if (!ISO.test(text)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  if (Number.isNaN(ms)) return undefined;
  const [date = ''] = text.split('T');
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return Math.floor(ms / 1000);
}
