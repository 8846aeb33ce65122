import { SECONDS_PER_DAY } from '../core/facts.js';
import type { Period } from '../core/period.js';
import { buildLatencyView, type LatencyInput, latencyMessage } from '../core/views/latency-view.js';
import { buildQuotaView, type QuotaInput, quotaMessage } from '../core/views/quota-view.js';
import type { Answer, AnswerDeps } from './answer.js';

/** Quotas and latency come from Bedrock's CloudWatch signals; other sources join as they gain them. */
const SIGNAL_SOURCE = 'bedrock';

/** `quota [period]`: each TPM quota's use now and at its peak, with the owning teams' shares. */
export function answerQuota(
  period: Period,
  now: number,
  { signals, quotaOverrides, quotaThresholdPercent }: AnswerDeps,
): Omit<Answer, 'public'> {
  const end = Math.min(period.end, now);
  const ownersByRegion = new Map<string, Map<string, string>>();
  const quotas = signals.quotaGroups(SIGNAL_SOURCE, quotaOverrides).map((group): QuotaInput => {
    let owners = ownersByRegion.get(group.region);
    if (owners === undefined) {
      owners = signals.owners(SIGNAL_SOURCE, group.region);
      ownersByRegion.set(group.region, owners);
    }
    const throttles = signals.totalsByModel(
      SIGNAL_SOURCE,
      'InvocationThrottles',
      group.region,
      period.start,
      end,
    );
    return {
      ...group,
      minutes: signals.minuteUsage(SIGNAL_SOURCE, group, period.start, end),
      usedByModel: signals.totalsByModel(
        SIGNAL_SOURCE,
        'EstimatedTPMQuotaUsage',
        group.region,
        period.start,
        end,
      ),
      owners,
      throttles: group.models.reduce((sum, model) => sum + (throttles.get(model) ?? 0), 0),
    };
  });
  const view = buildQuotaView({
    period,
    quotas,
    thresholdPercent: quotaThresholdPercent,
    now,
    metricsThrough: signals.metricsThrough(SIGNAL_SOURCE),
  });
  return { message: quotaMessage(view), data: { ...view } };
}

/** `latency [period]`: TTFT p50/p90 of the last 24 h of the period against the 7 days before. */
export function answerLatency(period: Period, now: number, { signals }: AnswerDeps): Omit<Answer, 'public'> {
  const end = Math.min(period.end, now);
  const window = { start: end - SECONDS_PER_DAY, end };
  const baseline = { start: window.start - 7 * SECONDS_PER_DAY, end: window.start };
  const inputs: LatencyInput[] = [];
  for (const region of signals.regions(SIGNAL_SOURCE)) {
    const owners = signals.owners(SIGNAL_SOURCE, region);
    const byModel = new Map<string, LatencyInput>();
    const entry = (model: string) => {
      let input = byModel.get(model);
      if (input === undefined) {
        input = {
          region,
          model,
          recent: { p50: [], p90: [] },
          baseline: { p50: [], p90: [] },
          teams: [owners.get(model) ?? 'unallocated'],
        };
        byModel.set(model, input);
      }
      return input;
    };
    for (const stat of ['p50', 'p90'] as const) {
      for (const point of signals.points(
        SIGNAL_SOURCE,
        'TimeToFirstToken',
        stat,
        region,
        baseline.start,
        window.end,
      )) {
        const side = point.bucketStart >= window.start ? 'recent' : 'baseline';
        entry(point.model)[side][stat].push(point.value);
      }
    }
    inputs.push(...byModel.values());
  }
  const view = buildLatencyView({
    window,
    baseline,
    inputs,
    metricsThrough: signals.metricsThrough(SIGNAL_SOURCE),
  });
  return { message: latencyMessage(view), data: { ...view } };
}
