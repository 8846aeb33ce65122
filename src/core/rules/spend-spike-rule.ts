import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import { median } from '../views/latency-view.js';

/** The figures of a spend spike alert (`AlertCandidate.details`); amounts in micro-dollars. */
export interface SpendSpikeDetails {
  /** `YYYY-MM-DD`, the UTC day that spiked. */
  day: string;
  spendMicros: number;
  baselineMicros: number;
  /** `same_weekday`: median of the same weekday over 4 weeks; `previous_days`: of the previous 7 days. */
  baselineBasis: 'same_weekday' | 'previous_days';
  increaseMicros: number;
  /** Spend ÷ baseline, two decimals; absent when the baseline is $0. */
  ratio?: number;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Fewer known days than this in the fallback week give no baseline at all. */
const MIN_FALLBACK_DAYS = 3;

/**
 * Teams whose latest complete UTC day of spend beat their usual by both `minMicros` and
 * `minRatio`. Usual is the median of the same weekday over the previous 4 weeks (weekly rhythm),
 * or of the previous 7 days while fewer than 4 such weeks are known. Days before the first day in
 * `days` are unknown; later days missing from it had no spend. Fingerprint `spend_spike|team|day`.
 */
export function spendSpikeRule({
  days,
  today,
  minMicros,
  minRatio,
}: {
  /** Spend per team and UTC day (`day` = midnight, epoch seconds), micro-dollars. */
  days: ReadonlyArray<{ team: string; day: number; micros: number }>;
  /** Any time of the current UTC day: the latest complete day is the one before. */
  today: number;
  minMicros: number;
  minRatio: number;
}): AlertCandidate[] {
  if (days.length === 0) return [];
  const latest = today - (today % SECONDS_PER_DAY) - SECONDS_PER_DAY;
  const firstKnown = Math.min(...days.map((entry) => entry.day));
  if (latest < firstKnown) return [];
  const byTeam = new Map<string, Map<number, number>>();
  for (const { team, day, micros } of days) {
    const spend = byTeam.get(team) ?? new Map<number, number>();
    spend.set(day, (spend.get(day) ?? 0) + micros);
    byTeam.set(team, spend);
  }
  const candidates: AlertCandidate[] = [];
  for (const [team, spend] of [...byTeam].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const spendOn = (day: number) => (day < firstKnown ? undefined : (spend.get(day) ?? 0));
    const known = (offsets: readonly number[]) =>
      offsets.map((n) => spendOn(latest - n * SECONDS_PER_DAY)).filter((v): v is number => v !== undefined);
    const weekdays = known([7, 14, 21, 28]);
    const week = known([1, 2, 3, 4, 5, 6, 7]);
    const basis =
      weekdays.length === 4 ? 'same_weekday' : week.length >= MIN_FALLBACK_DAYS ? 'previous_days' : undefined;
    if (basis === undefined) continue;
    const baseline = Math.round(median(basis === 'same_weekday' ? weekdays : week) ?? 0);
    const spent = spendOn(latest) ?? 0;
    const increase = spent - baseline;
    if (increase < minMicros || spent < baseline * minRatio) continue;
    const details: SpendSpikeDetails = {
      day: isoDay(latest),
      spendMicros: spent,
      baselineMicros: baseline,
      baselineBasis: basis,
      increaseMicros: increase,
      ...(baseline > 0 ? { ratio: Math.round((spent / baseline) * 100) / 100 } : {}),
    };
    candidates.push({
      fingerprint: `spend_spike|${team}|${details.day}`,
      rule: 'spend_spike',
      team,
      severity: 'warning',
      title: `${team} spent ${details.ratio === undefined ? formatUsd(spent) : `${details.ratio}× its usual`} on ${weekday(latest)} ${details.day}`,
      summary: spikeSummary(team, details, latest),
      details: { ...details },
      observedAt: latest,
    });
  }
  return candidates;
}

function spikeSummary(team: string, details: SpendSpikeDetails, day: number): string {
  const usual =
    details.baselineBasis === 'same_weekday'
      ? `the median of the 4 ${weekday(day)}s before`
      : 'the median of the 7 days before';
  return `Team ${team} spent ${formatUsd(details.spendMicros)} on ${weekday(day)} ${details.day}, ${formatUsd(details.increaseMicros)} more than its usual ${formatUsd(details.baselineMicros)} (${usual}).`;
}

function weekday(day: number): string {
  return WEEKDAYS[(Math.floor(day / SECONDS_PER_DAY) + 4) % 7] ?? '';
}
