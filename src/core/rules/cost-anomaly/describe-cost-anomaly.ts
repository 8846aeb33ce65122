import type { AlertCandidateView } from '../../alerts/alert.js';
import { SECONDS_PER_DAY } from '../../facts.js';
import { formatUsd } from '../../money.js';
import { isoDay } from '../../period.js';
import type { Contributor } from '../rank-contributors.js';
import { type CostScope, scopeName } from './cost-scope.js';
import type { CostAnomaly } from './detect-cost-anomalies.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Rows of the root-cause table. */
const TOP_CONTRIBUTORS = 5;

/** The words of a cost anomaly alert. */
export interface CostAnomalyText {
  title: string;
  summary: string;
  view: Required<AlertCandidateView>;
  /** The contributors shown, without those that only restate the scope. */
  shown: Contributor[];
}

/**
 * Title, summary, facts, root-cause rows and next step of an anomaly, e.g. "search spent $1,240.00
 * between 14:00 and 16:00 UTC, $980.00 more than the usual $260.00 for a Tuesday afternoon (4.8×);
 * 82% of the increase is feature ask-docs, 90% on claude-sonnet-4-5."
 */
export function describeCostAnomaly(
  anomaly: CostAnomaly,
  contributors: readonly Contributor[],
  owner: string,
): CostAnomalyText {
  const { direction, actualMicros, expectedMicros, deltaMicros } = anomaly;
  const shown = contributors
    .filter((row) => row.deltaMicros !== 0 && !restatesScope(row, anomaly.scope))
    .slice(0, TOP_CONTRIBUTORS);
  const change = `${signed(deltaMicros)}${anomaly.ratio === undefined ? '' : ` (${times(anomaly.ratio)})`}`;
  const title = `Cost ${direction}: ${scopeName(anomaly.scope)} ${change} ${sinceText(anomaly)}`;
  const comparison = `${formatUsd(Math.abs(deltaMicros))} ${deltaMicros >= 0 ? 'more' : 'less'} than the usual ${formatUsd(expectedMicros)} ${basisText(anomaly)}`;
  const summary = `${subject(anomaly.scope)} ${formatUsd(actualMicros)} ${periodText(anomaly)}, ${comparison}${anomaly.ratio === undefined ? '' : ` (${times(anomaly.ratio)})`}${causeText(anomaly, shown)}.`;
  const weeks = anomaly.baselineWeeks ?? 4;
  const usualBasis =
    anomaly.granularity === 'hour'
      ? `median of the same hours of the week, ${weeks} weeks before`
      : `median of the same weekday, ${weeks} weeks before`;
  return {
    title,
    summary,
    shown,
    view: {
      facts: [
        { label: 'Actual', value: `${formatUsd(actualMicros)} (${periodShort(anomaly)})` },
        { label: 'Usual', value: `${formatUsd(expectedMicros)} (${usualBasis})` },
        { label: 'Change', value: change },
        { label: 'Since', value: moment(anomaly.since, anomaly.granularity) },
      ],
      contributors: {
        title: `What changed (${direction === 'spike' ? 'increase' : 'decrease'} by dimension)`,
        rows: shown.map((row) => ({
          label: contributorLabel(row),
          value: `${signed(row.deltaMicros)} (${percent(row.share)})`,
          share: row.share,
        })),
      },
      next: nextStep(anomaly, shown, owner),
    },
  };
}

/** A row that only says the scope itself changed (team search inside team search's alert). */
function restatesScope(row: Contributor, scope: CostScope): boolean {
  switch (scope.kind) {
    case 'org':
      return false;
    case 'team':
      return row.dimension === 'team' && row.value === scope.team;
    case 'feature':
      return (
        (row.dimension === 'team' && row.value === scope.team) ||
        (row.dimension === 'feature' &&
          (row.value === scope.feature || row.value === `${scope.team}/${scope.feature}`))
      );
    case 'provider':
      return row.dimension === 'provider' && row.value === scope.provider;
    case 'model':
      return row.dimension === 'model' && row.value === scope.model;
  }
}

function causeText(anomaly: CostAnomaly, shown: readonly Contributor[]): string {
  const noun = anomaly.direction === 'spike' ? 'increase' : 'decrease';
  const most = (dimensions: readonly string[]) =>
    shown
      .filter((row) => dimensions.includes(row.dimension) && row.share >= 0.5)
      .sort((a, b) => b.share - a.share)[0];
  const what = most(['feature', 'api_key', 'team']);
  const where = most(['model', 'provider', 'region']);
  if (what !== undefined) {
    const on = where === undefined ? '' : `, ${percent(where.share)} ${placeText(where)}`;
    return `; ${percent(what.share)} of the ${noun} is ${contributorLabel(what)}${on}`;
  }
  if (where !== undefined) return `; ${percent(where.share)} of the ${noun} is ${placeText(where)}`;
  const largest = shown.find((row) => Math.sign(row.deltaMicros) === Math.sign(anomaly.deltaMicros));
  if (largest === undefined) return '';
  return `; the largest part is ${contributorLabel(largest)} (${signed(largest.deltaMicros)}, ${percent(largest.share)})`;
}

function nextStep(anomaly: CostAnomaly, shown: readonly Contributor[], owner: string): string {
  const { scope } = anomaly;
  const team = scope.kind === 'team' || scope.kind === 'feature' ? scope.team : owner;
  const ask =
    scope.kind === 'provider'
      ? `provider ${scope.provider} 7d`
      : scope.kind === 'model'
        ? `model ${scope.model} 7d`
        : team !== 'unallocated'
          ? `team ${team} 7d`
          : 'top teams 7d';
  const sameSign = shown.filter((row) => Math.sign(row.deltaMicros) === Math.sign(anomaly.deltaMicros));
  // What changed (a feature, a key, a team) says more than where it ran (a model, a provider).
  const top =
    sameSign.find((row) => ['feature', 'api_key', 'team'].includes(row.dimension) && row.share >= 0.5) ??
    sameSign[0];
  if (anomaly.direction === 'drop') {
    const what = top === undefined ? 'the usual workloads' : contributorLabel(top);
    return `Check that ${what} still runs (errors, a stopped job, a rotated API key) and that its spend is not reported under another name; ask \`${ask}\`.`;
  }
  if (top === undefined) return `Ask \`${ask}\` to see which features and models moved.`;
  const isNew = top.baselineMicros === 0;
  switch (top.dimension) {
    case 'feature':
      return isNew
        ? `${contributorLabel(top)} had no spend in the usual hours: a new rollout? Check its prompt size and caching; ask \`${ask}\`.`
        : `Check ${contributorLabel(top)}: prompt size, caching, retries or a new caller; ask \`${ask}\`.`;
    case 'model':
      return isNew
        ? `${contributorLabel(top)} is new here: did a feature switch to it? Ask \`model ${top.value} 7d\`.`
        : `Ask \`model ${top.value} 7d\` to see which features drive ${top.value}.`;
    case 'api_key':
      return `${contributorLabel(top)}: a new job, or a leaked key? Check who holds it; ask \`${ask}\`.`;
    case 'team':
      return `Ask \`team ${top.value} 7d\` to see which of its features moved.`;
    case 'provider':
      return `Ask \`provider ${top.value} 7d\` to see who moved to it.`;
    case 'region':
      return `Check what started running in ${top.value} (a new deployment or a failover); ask \`${ask}\`.`;
  }
}

function subject(scope: CostScope): string {
  switch (scope.kind) {
    case 'org':
      return 'Total spend was';
    case 'provider':
      return `Spend on ${scope.provider} was`;
    case 'model':
      return `Spend on ${scope.model} was`;
    default:
      return `${scopeName(scope)} spent`;
  }
}

function contributorLabel(row: Contributor): string {
  return `${row.dimension === 'api_key' ? 'API key' : row.dimension} ${row.value}`;
}

function placeText(row: Contributor): string {
  return `${row.dimension === 'region' ? 'in' : 'on'} ${row.value}`;
}

function periodText(anomaly: CostAnomaly): string {
  const { since, at, granularity } = anomaly;
  if (granularity === 'day') {
    return since === at
      ? `on ${dayName(since)} ${isoDay(since)}`
      : `from ${dayName(since)} ${isoDay(since)} to ${dayName(at)} ${isoDay(at)}`;
  }
  const stop = at + 3_600;
  return sameDay(since, stop)
    ? `between ${clock(since)} and ${clock(stop)} UTC`
    : `between ${shortDay(since)} ${clock(since)} and ${shortDay(stop)} ${clock(stop)} UTC`;
}

function periodShort(anomaly: CostAnomaly): string {
  const { since, at, granularity } = anomaly;
  if (granularity === 'day') {
    return since === at
      ? `${shortDay(since)} ${isoDay(since)}`
      : `${shortDay(since)} ${isoDay(since)} – ${shortDay(at)} ${isoDay(at)}`;
  }
  const stop = at + 3_600;
  return sameDay(since, stop)
    ? `${shortDay(since)} ${clock(since)}–${clock(stop)} UTC`
    : `${shortDay(since)} ${clock(since)} – ${shortDay(stop)} ${clock(stop)} UTC`;
}

function basisText(anomaly: CostAnomaly): string {
  const { since, at, granularity } = anomaly;
  if (granularity === 'day') return since === at ? `for a ${dayName(since)}` : 'for those days';
  if (!sameDay(since, at + 3_600) || at - since >= 12 * 3_600) return 'for those hours';
  const hour = new Date(since * 1000).getUTCHours();
  const part = hour < 6 ? 'night' : hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  return `for a ${dayName(since)} ${part}`;
}

function sinceText(anomaly: CostAnomaly): string {
  if (anomaly.granularity === 'day' && anomaly.since === anomaly.at) return `on ${moment(anomaly.at, 'day')}`;
  return `since ${moment(anomaly.since, anomaly.granularity)}`;
}

/** `Tue 2026-11-24 14:00 UTC` (hourly) or `Tue 2026-11-24` (daily). */
function moment(seconds: number, granularity: 'hour' | 'day'): string {
  const day = `${shortDay(seconds)} ${isoDay(seconds)}`;
  return granularity === 'day' ? day : `${day} ${clock(seconds)} UTC`;
}

/** Same UTC day, an end at the next midnight included. */
function sameDay(start: number, stop: number): boolean {
  return Math.floor(start / SECONDS_PER_DAY) === Math.floor((stop - 1) / SECONDS_PER_DAY);
}

function clock(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(11, 16);
}

function dayName(seconds: number): string {
  return WEEKDAYS[new Date(seconds * 1000).getUTCDay()] ?? '';
}

function shortDay(seconds: number): string {
  return dayName(seconds).slice(0, 3);
}

function signed(micros: number): string {
  return micros >= 0 ? `+${formatUsd(micros)}` : formatUsd(micros);
}

function times(ratio: number): string {
  return `${ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
