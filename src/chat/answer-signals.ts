import { PROVISIONED_UTILIZATION, QUOTA_SOURCES, SECONDS_PER_DAY } from '../core/facts.js';
import type { Period } from '../core/period.js';
import { buildLatencyView, type LatencyInput, latencyMessage, median } from '../core/views/latency-view.js';
import { buildQuotaView, type QuotaInput, quotaMessage } from '../core/views/quota-view.js';
import { minuteUsage, type TimedPoint } from '../store/signal-queries.js';
import type { Answer, AnswerDeps } from './answer.js';

/** Sources that report time to first token: Bedrock (CloudWatch), Vertex AI (Cloud Monitoring), Azure (Azure Monitor). */
const LATENCY_SOURCES = ['bedrock', 'vertex', 'azure'] as const;

/** `quota [period]`: each TPM quota's use now and at its peak, with the owning teams' shares. */
export function answerQuota(
  period: Period,
  now: number,
  { signals, quotaOverrides, quotaThresholdPercent }: AnswerDeps,
): Omit<Answer, 'public'> {
  const end = Math.min(period.end, now);
  // Points, owners and per-model totals are read once per region, whatever the number of quotas there.
  const regions = new Map<string, RegionSignals>();
  const regionSignals = (source: string, region: string): RegionSignals => {
    const key = `${source}|${region}`;
    let data = regions.get(key);
    if (data === undefined) {
      data = {
        owners: signals.owners(source, region),
        points: signals.quotaUsagePoints(source, region, period.start, end),
        used: signals.totalsByModel(source, 'EstimatedTPMQuotaUsage', region, period.start, end),
        throttles: signals.totalsByModel(source, 'InvocationThrottles', region, period.start, end),
      };
      regions.set(key, data);
    }
    return data;
  };
  const withQuotas: string[] = [];
  const quotas = QUOTA_SOURCES.flatMap((source) => {
    const groups = signals.quotaGroups(source, source === 'bedrock' ? quotaOverrides : []);
    if (groups.length > 0) withQuotas.push(source);
    return groups.map((group): QuotaInput => {
      const { owners, points, used, throttles } = regionSignals(source, group.region);
      return {
        ...group,
        minutes: minuteUsage(points, group),
        usedByModel: used,
        owners,
        throttles: group.models.reduce((sum, model) => sum + (throttles.get(model) ?? 0), 0),
      };
    });
  });
  // The stamp is as fresh as the stalest source with quotas (Bedrock's when none has any).
  const through = (withQuotas.length > 0 ? withQuotas : ['bedrock'])
    .map((source) => signals.metricsThrough(source))
    .filter((value): value is number => value !== null);
  // Azure provisioned deployments report utilisation in percent, per model and region.
  const provisioned = signals.regions('azure').flatMap((region) => {
    const owners = signals.owners('azure', region);
    const byModel = new Map<string, Array<{ minute: number; percent: number }>>();
    for (const point of signals.points(
      'azure',
      PROVISIONED_UTILIZATION,
      'Average',
      region,
      period.start,
      end,
    )) {
      byModel.set(point.model, [
        ...(byModel.get(point.model) ?? []),
        { minute: point.bucketStart, percent: point.value },
      ]);
    }
    return [...byModel].map(([model, minutes]) => ({
      region,
      model,
      team: owners.get(model) ?? 'unallocated',
      minutes,
    }));
  });
  const view = buildQuotaView({
    provisioned,
    period,
    quotas,
    thresholdPercent: quotaThresholdPercent,
    now,
    metricsThrough: through.length > 0 ? Math.min(...through) : null,
  });
  return { message: quotaMessage(view), data: { ...view } };
}

interface RegionSignals {
  owners: Map<string, string>;
  points: TimedPoint[];
  used: Map<string, number>;
  throttles: Map<string, number>;
}

/** `latency [period]`: TTFT p50/p90 per model: daily levels, any lasting shift, the last 24 hours. */
export function answerLatency(period: Period, now: number, { signals }: AnswerDeps): Omit<Answer, 'public'> {
  const end = Math.min(period.end, now);
  const recentFrom = end - SECONDS_PER_DAY;
  const inputs: LatencyInput[] = [];
  for (const source of LATENCY_SOURCES)
    for (const region of signals.regions(source)) {
      const owners = signals.owners(source, region);
      const byModel = new Map<
        string,
        { days: Map<number, { p50: number[]; p90: number[] }>; recent: { p50: number[]; p90: number[] } }
      >();
      // Azure gives per-minute averages only: they stand in the p50 slot, marked as averages.
      const average = source === 'azure';
      const stats = average
        ? ([['avg', 'p50']] as const)
        : ([
            ['p50', 'p50'],
            ['p90', 'p90'],
          ] as const);
      for (const [read, stat] of stats) {
        for (const point of signals.points(source, 'TimeToFirstToken', read, region, period.start, end)) {
          let model = byModel.get(point.model);
          if (model === undefined) {
            model = { days: new Map(), recent: { p50: [], p90: [] } };
            byModel.set(point.model, model);
          }
          const day = point.bucketStart - (point.bucketStart % SECONDS_PER_DAY);
          let values = model.days.get(day);
          if (values === undefined) {
            values = { p50: [], p90: [] };
            model.days.set(day, values);
          }
          values[stat].push(point.value);
          if (point.bucketStart >= recentFrom) model.recent[stat].push(point.value);
        }
      }
      for (const [model, { days, recent }] of byModel) {
        inputs.push({
          region,
          model,
          days: [...days]
            .sort(([a], [b]) => a - b)
            .map(([day, values]) => ({ day, p50: median(values.p50), p90: median(values.p90) })),
          recent,
          teams: [owners.get(model) ?? 'unallocated'],
          ...(average ? { average } : {}),
        });
      }
    }
  // The stamp is as fresh as the stalest source that reports latency.
  const through = LATENCY_SOURCES.map((source) => signals.metricsThrough(source)).filter(
    (value): value is number => value !== null,
  );
  const view = buildLatencyView({
    period,
    inputs,
    metricsThrough: through.length > 0 ? Math.min(...through) : null,
  });
  return { message: latencyMessage(view), data: { ...view } };
}
