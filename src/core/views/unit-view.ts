import { SECONDS_PER_DAY } from '../facts.js';
import { TEAM_LEVEL_FEATURE } from '../metrics/check-metric-rows.js';
import { roundHalfEven } from '../money.js';
import { isoDay, isoTime, type Period } from '../period.js';
import { freshnessOf, type SourceFreshness, type TeamSpendView } from './team-spend-view.js';

/** Spend against units: exact integers, and their ratio when there are units (omitted at zero units). */
export interface UnitCost {
  units: number;
  spend_micros: number;
  /** `spend_micros / units`, micro-dollars per unit (fractional); omitted when `units` is 0. */
  micros_per_unit?: number;
}

/** Cost per unit of one (feature, unit), `feature: '*'` meaning the whole team's spend. */
export interface FeatureUnitCost extends UnitCost {
  feature: string;
  unit: string;
  previous: UnitCost;
  /** Change of the cost per unit against the previous period; omitted unless both have units. */
  change_ratio?: number;
  /** The same units against each model's (and provider's) part of the feature's spend. */
  by_model: Array<UnitCost & { key: string; source: string }>;
  by_provider: Array<UnitCost & { key: string }>;
  /** Per Monday-to-Monday UTC week of the period (clipped to it), oldest first. */
  weeks: Array<UnitCost & { start: string }>;
}

/** The answer to `unit <team> [period]`: the JSON contract of `ai-spend ask --json "unit …"`. */
export interface UnitView {
  kind: 'unit_cost';
  team: string;
  period: { label: string; start: string; end: string };
  previous_period: { start: string; end: string };
  /** Every (feature, unit) with units in this period or the previous one, by spend. */
  costs: FeatureUnitCost[];
  /** Features that spent in the period but reported no units at all. */
  without_units: Array<{ feature: string; spend_micros: number }>;
  freshness: TeamSpendView['freshness'];
}

/** One day of a team's spend and of its units, as the stores return them. */
export interface UnitInput {
  team: string;
  period: Period;
  /** Spend per day, source, feature and model over `[previousStart, end)`. */
  spend: ReadonlyArray<{ day: number; source: string; feature: string; model: string; micros: number }>;
  /** Units per day, feature and unit over `[previousStart, end)`. */
  units: ReadonlyArray<{ day: number; feature: string; unit: string; value: number }>;
  freshness: readonly SourceFreshness[];
}

/** Cost per unit by feature, model and provider, against the previous period and per week. */
export function buildUnitView({ team, period, spend, units, freshness }: UnitInput): UnitView {
  const inRange = (start: number, end: number) => (row: { day: number }) => row.day >= start && row.day < end;
  const current = inRange(period.start, period.end);
  const previous = inRange(period.previousStart, period.previousEnd);
  const spendOf = (feature: string) =>
    spend.filter((row) => feature === TEAM_LEVEL_FEATURE || row.feature === feature);
  const pairs = [...new Set(units.map((row) => `${row.feature}\u0000${row.unit}`))].map((pair) => {
    const [feature = '', unit = ''] = pair.split('\u0000');
    return { feature, unit };
  });

  const costs = pairs.map(({ feature, unit }): FeatureUnitCost => {
    const featureSpend = spendOf(feature);
    const featureUnits = units.filter((row) => row.feature === feature && row.unit === unit);
    const now = unitCost(total(featureSpend.filter(current)), count(featureUnits.filter(current)));
    const before = unitCost(total(featureSpend.filter(previous)), count(featureUnits.filter(previous)));
    const thisPeriod = featureSpend.filter(current);
    return {
      feature,
      unit,
      ...now,
      previous: before,
      ...(now.micros_per_unit !== undefined && before.micros_per_unit
        ? { change_ratio: now.micros_per_unit / before.micros_per_unit - 1 }
        : {}),
      by_model: ranked(thisPeriod, (row) => `${row.model || '(no model)'}\u0000${row.source}`).map(
        ({ key, micros }) => {
          const [model = '', source = ''] = key.split('\u0000');
          return { key: model, source, ...unitCost(micros, now.units) };
        },
      ),
      by_provider: ranked(thisPeriod, (row) => row.source).map(({ key, micros }) => ({
        key,
        ...unitCost(micros, now.units),
      })),
      weeks: weeksOf(period).map(({ start, end }) => ({
        start: isoDay(start),
        ...unitCost(
          total(featureSpend.filter(inRange(start, end))),
          count(featureUnits.filter(inRange(start, end))),
        ),
      })),
    };
  });
  costs.sort(
    (a, b) =>
      b.spend_micros - a.spend_micros || a.feature.localeCompare(b.feature) || a.unit.localeCompare(b.unit),
  );
  const withUnits = new Set(units.filter(current).map((row) => row.feature));
  const without = ranked(spend.filter(current), (row) => row.feature)
    .filter(({ key, micros }) => micros !== 0 && !withUnits.has(key))
    .map(({ key, micros }) => ({ feature: key, spend_micros: micros }));

  return {
    kind: 'unit_cost',
    team,
    period: { label: period.label, start: isoTime(period.start), end: isoTime(period.end) },
    previous_period: { start: isoTime(period.previousStart), end: isoTime(period.previousEnd) },
    costs,
    without_units: withUnits.has(TEAM_LEVEL_FEATURE) ? [] : without,
    freshness: freshnessOf(freshness),
  };
}

/** Spend and units, and their ratio only when there are units: zero units never divide. */
export function unitCost(spendMicros: number, units: number): UnitCost {
  return units > 0
    ? { units, spend_micros: spendMicros, micros_per_unit: spendMicros / units }
    : { units, spend_micros: spendMicros };
}

/** Monday-to-Monday UTC weeks overlapping `[start, end)`, clipped to it. */
function weeksOf(period: Pick<Period, 'start' | 'end'>): Array<{ start: number; end: number }> {
  const weeks: Array<{ start: number; end: number }> = [];
  // 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 days.
  const offset = 4 * SECONDS_PER_DAY;
  const week = 7 * SECONDS_PER_DAY;
  let monday = Math.floor((period.start - offset) / week) * week + offset;
  for (; monday < period.end; monday += week) {
    weeks.push({ start: Math.max(monday, period.start), end: Math.min(monday + week, period.end) });
  }
  return weeks;
}

function ranked<T extends { micros: number }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
): Array<{ key: string; micros: number }> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + row.micros);
  return [...totals]
    .map(([key, micros]) => ({ key, micros }))
    .sort((a, b) => b.micros - a.micros || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const total = (rows: ReadonlyArray<{ micros: number }>) => rows.reduce((sum, row) => sum + row.micros, 0);
const count = (rows: ReadonlyArray<{ value: number }>) => rows.reduce((sum, row) => sum + row.value, 0);

/**
 * A cost per unit for people, exactly from integers: up to three significant figures and at least
 * cents ("$1.23", "$0.0042", "$0.0423", "$12,345.68"), or "no units reported" when there are none.
 */
export function formatUnitCost(spendMicros: number, units: number): string {
  if (units <= 0) return 'no units reported';
  const sign = spendMicros < 0 ? '-' : '';
  const numerator = BigInt(Math.abs(spendMicros));
  const denominator = BigInt(units) * 1_000_000n;
  if (numerator === 0n) return '$0.00';
  let decimals = 2;
  let scaled = roundHalfEven(numerator * 100n, denominator);
  while (scaled < 100n && decimals < 10) {
    decimals += 1;
    scaled = roundHalfEven(numerator * 10n ** BigInt(decimals), denominator);
  }
  if (scaled === 0n) return `${sign}<$0.0000000001`;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = BigInt(digits.slice(0, -decimals)).toLocaleString('en-US');
  // Zeros that only pad the third significant figure go, cents stay: "$0.0042", "$0.03".
  const fraction = digits.slice(-decimals).replace(/(?<=\d{2})0+$/, '');
  return `${sign}$${whole}.${fraction}`;
}
