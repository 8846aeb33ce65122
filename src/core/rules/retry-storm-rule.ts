import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_HOUR } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoTime } from '../period.js';
import { median } from '../views/latency-view.js';

/**
 * One hour of one (region, model): CloudWatch sums and the usage facts of `[at, at + 1 h)`, UTC.
 * Throttled attempts are not in `invocations`; failed ones (`errors`: client + server) are.
 */
export interface RetryStormBucket {
  at: number;
  invocations: number;
  throttles: number;
  errors: number;
  /** Input tokens, cache reads and writes included; 0 means no token data for the hour. */
  inputTokens: number;
  outputTokens: number;
  estimatedMicros: number;
  /** Minutes of the hour with data (1–60); absent means all 60. Only the shown data coverage uses it. */
  minutes?: number;
}

/** The hourly series of one (region, model) and the teams using it. */
export interface RetryStormSeries {
  region: string;
  model: string;
  /** The model family, for display. */
  label: string;
  /** Teams using it, shares 0–1, largest first. */
  users: ReadonlyArray<{ team: string; share: number }>;
  /** Hourly buckets (at = hour start, one per hour; the last 10 days suffice); a missing hour is no data, not zero. */
  buckets: readonly RetryStormBucket[];
}

/** Thresholds of the retry storm rule; every one has a default in `DEFAULT_RETRY_STORM_SETTINGS`. */
export interface RetryStormSettings {
  /** Retry spend over the storm below which nothing fires, micro-dollars. Default $50. */
  minRetryMicros: number;
  /** Share of the storm's spend that is retries below which nothing fires. Default 0.15. */
  minExcessShare: number;
  /** Failing hours with data the storm needs. Default 2. */
  minHours: number;
  /** Hours before the storm whose median ratios are the usual. Default 72. */
  baselineHours: number;
  /** Usable hours the baseline needs. Default 12. */
  minBaselineHours: number;
  /** An hour fails when (throttles + errors) ÷ attempts reaches this multiple of the usual… Default 3. */
  failureMultiplier: number;
  /** …and at least this rate. Default 0.02. */
  minFailureRate: number;
  /** The storm's share must beat the baseline hours' median share by this many robust deviations ÷ √hours. Default 2.5. */
  noiseMultiplier: number;
  /** Hours with fewer invocations are too small to judge: neither storm nor baseline. Default 20. */
  minHourInvocations: number;
  /** Missing hours bridged inside a storm (they neither count nor end it). Default 1. */
  maxGapHours: number;
  /** Retry spend from which the alert is critical, micro-dollars. Default $500. */
  criticalRetryMicros: number;
}

export const DEFAULT_RETRY_STORM_SETTINGS: RetryStormSettings = {
  minRetryMicros: 50_000_000,
  minExcessShare: 0.15,
  minHours: 2,
  baselineHours: 72,
  minBaselineHours: 12,
  failureMultiplier: 3,
  minFailureRate: 0.02,
  noiseMultiplier: 2.5,
  minHourInvocations: 20,
  maxGapHours: 1,
  criticalRetryMicros: 500_000_000,
};

/**
 * The figures of a retry storm alert (`AlertCandidate.details`, plus `team`, `teamShare` and
 * `teamRetryMicros`). Counts are sums over the storm hours and the same hours as usual (a week
 * before, else the median of the same hour on the 3 days before); money in micro-dollars.
 */
export interface RetryStormDetails {
  region: string;
  model: string;
  label: string;
  /** ISO start of the first storm hour and end of the last. */
  from: string;
  through: string;
  stormHours: number;
  /** Minutes with data ÷ minutes from `from` to `through`, 0–1. */
  dataCoverage: number;
  retryMicros: number;
  spendMicros: number;
  /** `retryMicros ÷ spendMicros`, two decimals. */
  excessShare: number;
  /** Invocations beyond what the output needs at the usual output per invocation. */
  excessInvocations: number;
  counts: Record<CountName, Count>;
  /** Medians over `hours` usable hours before the storm; `shareSpread` is 1.4826 × MAD of their excess share. */
  baseline: Ratios & { failureRate: number; shareCenter: number; shareSpread: number; hours: number };
  /** How the retry spend is estimated. */
  assumption: string;
}

const HOUR = SECONDS_PER_HOUR;
const ASSUMPTION =
  'Retries are the invocations and input tokens beyond what the output needs at the usual output per invocation and input per output (the smaller of the two excess shares); each costs as much as an average invocation: retry spend = that share × estimated spend.';
const LABELS = { throttles: 'Throttles', errors: 'Errors', invocations: 'Requests', outputTokens: 'Output' };
type CountName = keyof typeof LABELS;
const COUNT_NAMES = Object.keys(LABELS) as CountName[];
type Count = { now: number; usual: number };
type Ratios = { outputPerInvocation: number; inputPerOutput: number };
type Baseline = RetryStormDetails['baseline'];
type Hours = Map<number, RetryStormBucket>;

/**
 * Retry storms per (region, model) in the complete hours before `through`: the run of hours up to the
 * latest with data whose throttles + errors reach `failureMultiplier`× the usual rate (median of the
 * `baselineHours` before the run) while invocations and input tokens ran ahead of the output. Fires at
 * ≥ `minRetryMicros` of retries that are ≥ `minExcessShare` of the spend and above the baseline's
 * noise; one candidate per using team (`unallocated` if none), fingerprint `retry_storm|region|model|team`.
 */
export function retryStormRule({
  series,
  through,
  settings,
}: {
  series: readonly RetryStormSeries[];
  through: number;
  settings?: Partial<RetryStormSettings>;
}): AlertCandidate[] {
  const resolved = { ...DEFAULT_RETRY_STORM_SETTINGS, ...settings };
  const latest = Math.floor(through / HOUR) * HOUR - HOUR;
  return series.flatMap((one) => evaluateSeries(one, latest, resolved));
}

function evaluateSeries(series: RetryStormSeries, latest: number, s: RetryStormSettings): AlertCandidate[] {
  const hours: Hours = new Map(series.buckets.filter((b) => b.at <= latest).map((b) => [b.at, b]));
  const recent = [0, 1].map((back) => hours.get(latest - back * HOUR)).find((b) => b !== undefined);
  if (!recent || failureRateOf(recent) < s.minFailureRate) return [];
  const provisional = baselineOf(hours, latest - (s.minHours - 1) * HOUR, s);
  const first = provisional ? failingRun(hours, latest, provisional, s) : [];
  if (first[0] === undefined || first.length < s.minHours) return [];
  // The run's own hours must not set its usual: the baseline is re-read before the run began.
  const baseline = baselineOf(hours, first[0].at, s);
  const storm = baseline && stormOf(failingRun(hours, latest, baseline, s), baseline, s);
  const [start, last] = [storm?.buckets[0]?.at, storm?.buckets.at(-1)?.at];
  if (!baseline || !storm || start === undefined || last === undefined) return [];
  const { buckets, retryMicros, spendMicros } = storm;
  const spanHours = (last - start) / HOUR + 1;
  const usual = (name: CountName) => Math.round(sum(buckets, (b) => usualAt(hours, b, start, name)));
  const figures: RetryStormDetails = {
    region: series.region,
    model: series.model,
    label: series.label,
    from: isoTime(start),
    through: isoTime(last + HOUR),
    stormHours: buckets.length,
    dataCoverage: round(sum(buckets, (b) => b.minutes ?? 60) / (60 * spanHours), 2),
    retryMicros,
    spendMicros,
    excessShare: round(retryMicros / spendMicros, 2),
    excessInvocations: Math.round(
      sum(buckets, (b) => Math.max(0, b.invocations - b.outputTokens / baseline.outputPerInvocation)),
    ),
    counts: Object.fromEntries(
      COUNT_NAMES.map((name) => [name, { now: sum(buckets, (b) => b[name]), usual: usual(name) }]),
    ) as RetryStormDetails['counts'],
    baseline,
    assumption: ASSUMPTION,
  };
  return stormCandidates(series, figures, { last, spanHours }, s);
}

function stormCandidates(
  series: RetryStormSeries,
  figures: RetryStormDetails,
  { last, spanHours }: { last: number; spanHours: number },
  s: RetryStormSettings,
): AlertCandidate[] {
  const { retryMicros, counts, label, region } = figures;
  const users = series.users.length > 0 ? series.users : [{ team: 'unallocated', share: 1 }];
  const teamRetry = (share: number) => formatUsd(Math.round(share * retryMicros));
  const facts = [
    { label: 'Retry spend', value: `${formatUsd(retryMicros)} (${pct(figures.excessShare)} of the spend)` },
    ...COUNT_NAMES.map((name) => ({
      label: LABELS[name],
      value: `${count(counts[name].now)} (usually ${count(counts[name].usual)})`,
    })),
  ];
  const rows = users.map(({ team, share }) => ({ label: team, value: `about ${teamRetry(share)}`, share }));
  return users.map(({ team, share }) => ({
    fingerprint: `retry_storm|${region}|${series.model}|${team}`,
    rule: 'retry_storm',
    team,
    severity: retryMicros >= s.criticalRetryMicros ? 'critical' : 'warning',
    title: `Retry storm on ${label} in ${region}: about ${formatUsd(retryMicros)} in ${spanHours} h`,
    summary: `${stormHeadline(figures, spanHours)} ${team === 'unallocated' ? 'No team is attributed this traffic.' : `Team ${team} sends ${pct(share)} of it (about ${teamRetry(share)}).`}`,
    details: { ...figures, team, teamShare: share, teamRetryMicros: Math.round(share * retryMicros) },
    view: {
      facts,
      contributors: { title: 'Teams using it', rows },
      next: `Check the client retry settings of ${label} callers (exponential backoff with jitter, max attempts, timeouts) and the ${label} quota in ${region}.`,
    },
    magnitude: round(retryMicros / 1_000_000 / spanHours, 2),
    observedAt: last,
  }));
}

/** Median ratios over the usable hours of `[end - baselineHours, end)`; undefined when too few. */
function baselineOf(hours: Hours, end: number, s: RetryStormSettings): Baseline | undefined {
  const usable: RetryStormBucket[] = [];
  for (let at = end - s.baselineHours * HOUR; at < end; at += HOUR) {
    const bucket = hours.get(at);
    const judged = bucket && bucket.invocations >= s.minHourInvocations && bucket.inputTokens > 0;
    if (judged && bucket.outputTokens > 0) usable.push(bucket);
  }
  if (usable.length < s.minBaselineHours) return undefined;
  const ratios: Ratios = {
    outputPerInvocation: median(usable.map((b) => b.outputTokens / b.invocations)) ?? 0,
    inputPerOutput: median(usable.map((b) => b.inputTokens / b.outputTokens)) ?? 0,
  };
  const shares = usable.map((bucket) => rawExcess(bucket, ratios));
  const shareCenter = median(shares) ?? 0;
  const shareSpread = 1.4826 * (median(shares.map((share) => Math.abs(share - shareCenter))) ?? 0);
  const failureRate = median(usable.map(failureRateOf)) ?? 0;
  return { ...ratios, failureRate, shareCenter, shareSpread, hours: usable.length };
}

/** The failing hours with data, oldest first, in the run reaching back from the latest hour with data. */
function failingRun(hours: Hours, latest: number, baseline: Baseline, s: RetryStormSettings) {
  const run: RetryStormBucket[] = [];
  const minRate = Math.max(s.minFailureRate, s.failureMultiplier * baseline.failureRate);
  let gap = 0;
  for (let at = latest; at > latest - 168 * HOUR; at -= HOUR) {
    const bucket = hours.get(at);
    gap = bucket === undefined ? gap + 1 : 0;
    if (gap > s.maxGapHours) break;
    if (bucket === undefined) continue;
    if (bucket.invocations < s.minHourInvocations || failureRateOf(bucket) < minRate) break;
    run.unshift(bucket);
  }
  return run;
}

/** The run as a storm if it passes the thresholds; shares are spend-weighted and unclamped, so noise cancels out. */
function stormOf(buckets: RetryStormBucket[], baseline: Baseline, s: RetryStormSettings) {
  const spendMicros = sum(buckets, (bucket) => bucket.estimatedMicros);
  const excessMicros = sum(buckets, (bucket) => rawExcess(bucket, baseline) * bucket.estimatedMicros);
  const share = spendMicros > 0 ? excessMicros / spendMicros : 0;
  const noise = baseline.shareCenter + (s.noiseMultiplier * baseline.shareSpread) / Math.sqrt(buckets.length);
  if (buckets.length < s.minHours || share < Math.max(s.minExcessShare, noise)) return undefined;
  const retryMicros = Math.round(excessMicros);
  return retryMicros >= s.minRetryMicros ? { buckets, retryMicros, spendMicros } : undefined;
}

/**
 * The share of an hour's invocations and input tokens that its output does not explain at the usual
 * ratios: the smaller of the two, since a failure that brought no tokens cost nothing, and one that
 * added no invocation was no retry. Negative when the output ran ahead; 0 without token data.
 */
function rawExcess(bucket: RetryStormBucket, ratios: Ratios): number {
  if (bucket.invocations <= 0 || bucket.inputTokens <= 0) return 0;
  const byInvocations = 1 - bucket.outputTokens / ratios.outputPerInvocation / bucket.invocations;
  return Math.min(byInvocations, 1 - (bucket.outputTokens * ratios.inputPerOutput) / bucket.inputTokens);
}

const failureRateOf = ({ invocations, throttles, errors }: RetryStormBucket) =>
  invocations + throttles > 0 ? (throttles + errors) / (invocations + throttles) : 0;

/** An hour's usual: the same hour a week before (weekends differ), else the median of the same hour on the 3 days before the storm, else its own. */
function usualAt(hours: Hours, bucket: RetryStormBucket, start: number, name: CountName): number {
  const weekBefore = hours.get(bucket.at - 168 * HOUR)?.[name];
  const days = [1, 2, 3].map((days) => bucket.at - days * 24 * HOUR).filter((day) => day < start);
  return weekBefore ?? median(days.flatMap((day) => hours.get(day)?.[name] ?? [])) ?? bucket[name];
}

function stormHeadline(f: RetryStormDetails, spanHours: number): string {
  const { throttles: t, errors: e, invocations, outputTokens } = f.counts;
  const failures = t.now - t.usual >= e.now - e.usual ? `throttles ${growth(t)}` : `errors ${growth(e)}`;
  const coverage = f.dataCoverage < 1 ? ` (data ${pct(f.dataCoverage)})` : '';
  return `${f.label} in ${f.region}: ${failures}, invocations ${change(invocations)} while output ${change(outputTokens)}: about ${formatUsd(f.retryMicros)} of retries in the last ${spanHours} h${coverage}.`;
}

/** "40×" or "+60%"; "0 → 1,234" when there usually are none. */
function growth({ now, usual }: Count): string {
  if (usual <= 0) return `0 → ${count(now)}`;
  const ratio = now / usual;
  return ratio >= 2 ? `${ratio >= 10 ? Math.round(ratio) : round(ratio, 1)}×` : change({ now, usual });
}

const change = ({ now, usual }: Count) =>
  usual <= 0 ? 'up from 0' : `${now >= usual ? '+' : ''}${Math.round((now / usual - 1) * 100)}%`;

const pct = (share: number) => `${Math.round(share * 100)}%`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const sum = <T>(items: readonly T[], pick: (item: T) => number) =>
  items.reduce((total, item) => total + pick(item), 0);
