import { SECONDS_PER_DAY } from '../facts.js';
import { suggest } from '../suggest.js';

/** The feature a team-level unit is reported under: units of the whole team, not of one feature. */
export const TEAM_LEVEL_FEATURE = '*';

/**
 * One business-metric row: `value` units of value (tickets resolved, searches served) a team's
 * feature produced on one UTC day. Idempotent per (team, feature, unit, day): a re-push replaces it.
 */
export interface MetricRow {
  /** ai-spend team name, lowercase. */
  team: string;
  /** Feature name as attribution assigns it, or `*` for a team-level unit. */
  feature: string;
  /** Unit name, a lowercase slug such as `tickets_resolved`. */
  unit: string;
  /** UTC midnight of the day, epoch seconds. */
  day: number;
  /** Units produced that day: a non-negative integer. */
  value: number;
}

/** A row that was not accepted: its 1-based position in the input and why. */
export interface MetricRowProblem {
  row: number;
  reason: string;
}

/** The outcome of checking pushed rows: the rows to store and the reasons for the others. */
export interface CheckedMetricRows {
  accepted: MetricRow[];
  rejected: MetricRowProblem[];
}

const UNIT = /^[a-z][a-z0-9_.-]{0,63}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_FEATURE_LENGTH = 100;

/**
 * Checks raw records (from CSV or JSON) against the metric contract, row by row: a bad row is
 * rejected with a reason and the rest are accepted. Teams must be `knownTeams` (an unknown one gets
 * the nearest name suggested); days are `YYYY-MM-DD` UTC and not after the day of `now`; values are
 * non-negative integers (numbers or digit strings). An empty or `*` feature is a team-level unit.
 * When one push repeats a (team, feature, unit, day), the later row wins.
 */
export function checkMetricRows(
  records: ReadonlyArray<{ row: number; record: unknown }>,
  { knownTeams, now }: { knownTeams: readonly string[]; now: number },
): CheckedMetricRows {
  const rejected: MetricRowProblem[] = [];
  const byKey = new Map<string, MetricRow>();
  for (const { row, record } of records) {
    const checked = checkMetricRow(record, knownTeams, now);
    if ('reason' in checked) rejected.push({ row, reason: checked.reason });
    else {
      const key = `${checked.team}\u0000${checked.feature}\u0000${checked.unit}\u0000${checked.day}`;
      byKey.delete(key);
      byKey.set(key, checked);
    }
  }
  return { accepted: [...byKey.values()], rejected };
}

function checkMetricRow(record: unknown, knownTeams: readonly string[], now: number): MetricRow | Rejected {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { reason: 'not an object with team, feature, unit, day and value' };
  }
  const fields = record as Record<string, unknown>;
  const missing = ['team', 'unit', 'day', 'value'].filter((name) => blank(fields[name]));
  if (missing.length > 0) return { reason: `missing ${missing.join(', ')}` };

  const team = text(fields.team).toLowerCase();
  if (!knownTeams.includes(team)) {
    const close = suggest(team, knownTeams);
    return {
      reason: `unknown team "${team}"${close ? `; did you mean "${close}"?` : ''} (teams come from ai-spend.yml)`,
    };
  }
  const feature = blank(fields.feature) ? TEAM_LEVEL_FEATURE : text(fields.feature);
  if (feature.length > MAX_FEATURE_LENGTH || /\p{Cc}/u.test(feature)) {
    return { reason: `feature must be at most ${MAX_FEATURE_LENGTH} printable characters` };
  }
  const unit = text(fields.unit).toLowerCase();
  if (!UNIT.test(unit)) {
    return { reason: `unit "${unit}" is not a slug such as tickets_resolved (a-z, 0-9, _ . -)` };
  }
  const day = parseDay(text(fields.day));
  if (day === undefined) return { reason: `day "${text(fields.day)}" is not a date as YYYY-MM-DD (UTC)` };
  if (day > now - (now % SECONDS_PER_DAY)) return { reason: `day ${text(fields.day)} is in the future` };
  const value = parseValue(fields.value);
  if (typeof value === 'string') return { reason: value };
  return { team, feature, unit, day, value };
}

type Rejected = { reason: string };

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** UTC midnight of a real calendar day, or `undefined`. */
function parseDay(value: string): number | undefined {
  const match = DAY.exec(value);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, date);
  const back = new Date(millis);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) {
    return undefined;
  }
  return millis / 1000;
}

/** A non-negative safe integer, or the reason it is not one. */
function parseValue(value: unknown): number | string {
  const shown = typeof value === 'string' ? value.trim() : JSON.stringify(value);
  if (typeof value === 'string' && !/^\d+$/.test(value.trim())) {
    return /^-/.test(value.trim())
      ? `value ${shown} is negative`
      : `value ${shown} is not a whole number of units`;
  }
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return `value ${shown} is not a number`;
  if (number < 0) return `value ${shown} is negative`;
  if (!Number.isInteger(number)) return `value ${shown} is not a whole number of units`;
  if (!Number.isSafeInteger(number)) return `value ${shown} is too large`;
  return number;
}
