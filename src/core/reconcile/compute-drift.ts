/** Estimate and bill of one provider, UTC day and billing scope, with what the usage facts hold. */
export interface DriftInput {
  source: string;
  /** UTC midnight, epoch seconds. */
  day: number;
  /** Billing scope as the dims carry it: `source|account|workspace-or-project` or `source|<scope>`. */
  scope: string;
  /** Sum of the stored estimates of the day's usage facts (unpriced facts add nothing). */
  estimatedMicros: number;
  /** Sum of the day's billed lines, credits included. */
  billedMicros: number;
  /** Sum of negative billed lines (credits, refunds), <= 0. */
  creditMicros: number;
  /** True when every billed line of the day is final. */
  final: boolean;
  totalTokens: number;
  /** Tokens of facts that are unpriced or only partially priced. */
  unpricedTokens: number;
  /** Cache reads and writes. */
  cacheTokens: number;
  /** Tokens on half-price tiers (batch, flex). */
  batchTokens: number;
  /** Tokens on tiers priced by contract (priority, scale, reserved...). */
  priorityTokens: number;
}

/** A likely reason an estimate and a bill disagree, most likely first. */
export type DriftCause =
  | 'billed_without_usage'
  | 'not_billed'
  | 'credits'
  | 'unpriced_model'
  | 'service_tier'
  | 'cache_tokens'
  | 'mispriced_model'
  | 'usage_not_reported';

/** The drift of one provider, day and scope: billed minus estimated, and its likely causes. */
export interface Drift extends DriftInput {
  /** `billed - estimated`: positive when the bill is higher than the estimate. */
  driftMicros: number;
  /** Drift as a percentage of the bill, rounded to 0.1; `null` when nothing was billed. */
  driftPercent: number | null;
  causes: DriftCause[];
}

/** How a drift is said to people: a short phrase per cause. */
export const CAUSE_TEXT: Readonly<Record<DriftCause, string>> = {
  billed_without_usage: 'billed usage the usage API does not report (nothing collected for this scope)',
  not_billed: 'usage with no billed line in this scope (billed under another scope, or free)',
  credits: 'credits or refunds on the bill',
  unpriced_model: 'an unpriced model (its tokens have no estimate): add it to prices.models',
  service_tier: 'a batch/flex/priority tier priced differently from the estimate (prices.tiers)',
  cache_tokens: 'cache reads and writes, a large share of the tokens, priced differently',
  mispriced_model: 'a mispriced model or a negotiated rate missing from prices.discounts',
  usage_not_reported: 'usage the usage API does not report',
};

/** Cache tokens above this share of all tokens make cache pricing a suspect. */
const CACHE_SHARE_SUSPECT = 0.3;

/** Drift and likely causes of one provider, day and scope, from the data alone. */
export function computeDrift(input: DriftInput): Drift {
  const driftMicros = input.billedMicros - input.estimatedMicros;
  const driftPercent =
    input.billedMicros === 0 ? null : Math.round((driftMicros * 1000) / Math.abs(input.billedMicros)) / 10;
  return { ...input, driftMicros, driftPercent, causes: likelyCauses(input, driftMicros) };
}

function likelyCauses(input: DriftInput, drift: number): DriftCause[] {
  const causes: DriftCause[] = [];
  if (input.totalTokens === 0 && input.billedMicros > 0) causes.push('billed_without_usage');
  if (input.billedMicros === 0 && input.creditMicros === 0 && input.estimatedMicros > 0)
    causes.push('not_billed');
  if (input.creditMicros < 0 && drift < 0 && -input.creditMicros * 2 >= -drift) causes.push('credits');
  if (input.unpricedTokens > 0 && drift > 0) causes.push('unpriced_model');
  if ((input.priorityTokens > 0 && drift > 0) || input.batchTokens > 0) causes.push('service_tier');
  if (input.totalTokens > 0 && input.cacheTokens >= input.totalTokens * CACHE_SHARE_SUSPECT) {
    causes.push('cache_tokens');
  }
  if (causes.length === 0) {
    causes.push('mispriced_model');
    if (drift > 0) causes.push('usage_not_reported');
  }
  return causes;
}

/** Thresholds a drift must both cross to alert: `alerts.reconcile`. */
export interface DriftThresholds {
  minPercent: number;
  minMicrosPerDay: number;
}

/** True when |drift| ≥ `minMicrosPerDay` and ≥ `minPercent` of the bill (any drift on a $0 bill). */
export function exceedsThreshold(
  drift: Pick<Drift, 'driftMicros' | 'billedMicros'>,
  thresholds: DriftThresholds,
): boolean {
  const size = Math.abs(drift.driftMicros);
  if (size < thresholds.minMicrosPerDay) return false;
  return size * 100 >= thresholds.minPercent * Math.abs(drift.billedMicros);
}
