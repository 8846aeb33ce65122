import { HOUR } from '../../scenario/demo-story.js';
import type { VertexWorkload } from '../../scenario/vertex/vertex-workloads.js';
import type { SimDistribution } from './ttft-distribution.js';
import { type WorkloadMinute, workloadMinutes } from './workload-minutes.js';

export const PUBLISHER_MODEL = 'aiplatform.googleapis.com/PublisherModel';
const PREFIX = 'aiplatform.googleapis.com/publisher/online_serving/';
export const TOKEN_COUNT = `${PREFIX}token_count`;
export const INVOCATION_COUNT = `${PREFIX}model_invocation_count`;
export const FIRST_TOKEN_LATENCIES = `${PREFIX}first_token_latencies`;

/** A point's value: a count, or a distribution of milliseconds. */
export type SimValue = { int64: number } | { distribution: SimDistribution };

/** One raw time series: its labels and its points keyed by the start of their minute (UTC epoch seconds). */
export interface SimSeries {
  metricType: string;
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
  valueType: 'INT64' | 'DISTRIBUTION';
  unit: string;
  /** Each point covers `[start, start + 60)`. */
  points: Map<number, SimValue>;
}

interface Variant {
  metricLabels: Record<string, string>;
  value(minute: WorkloadMinute): SimValue | null;
}

const count = (value: number): SimValue | null => (value > 0 ? { int64: value } : null);

/** The label variants of each metric the simulator serves; a variant without a value has no point. */
const METRICS: Record<string, { valueType: SimSeries['valueType']; unit: string; variants: Variant[] }> = {
  [TOKEN_COUNT]: {
    valueType: 'INT64',
    unit: '1',
    variants: [
      { metricLabels: { type: 'input' }, value: (minute) => count(minute.inputTokens) },
      { metricLabels: { type: 'cached_input' }, value: (minute) => count(minute.cachedInputTokens) },
      { metricLabels: { type: 'output' }, value: (minute) => count(minute.outputTokens) },
    ],
  },
  [INVOCATION_COUNT]: {
    valueType: 'INT64',
    unit: '1',
    variants: [
      { metricLabels: { response_code: '200' }, value: (minute) => count(minute.served) },
      { metricLabels: { response_code: '429' }, value: (minute) => count(minute.throttled) },
    ],
  },
  [FIRST_TOKEN_LATENCIES]: {
    valueType: 'DISTRIBUTION',
    unit: 'ms',
    variants: [
      {
        metricLabels: {},
        value: (minute) => (minute.ttft === null ? null : { distribution: minute.ttft }),
      },
    ],
  },
};

/** Whether the simulator serves `metricType`. */
export function isServedMetric(metricType: string): boolean {
  return Object.hasOwn(METRICS, metricType);
}

/**
 * The raw per-minute series of `metricType` in `project` with a point ending in `(start, end]`,
 * up to the last minute complete at `now`. Only series with at least one point are returned.
 */
export function publisherSeries(
  workloads: readonly VertexWorkload[],
  {
    metricType,
    project,
    start,
    end,
    now,
  }: {
    metricType: string;
    project: string;
    start: number;
    end: number;
    now: number;
  },
): SimSeries[] {
  const metric = METRICS[metricType];
  if (metric === undefined) return [];
  const lastEnd = Math.min(end, now - (now % 60));
  const series: SimSeries[] = [];
  for (const workload of workloads) {
    if (workload.project !== project) continue;
    const perVariant = metric.variants.map(() => new Map<number, SimValue>());
    const firstHour = Math.floor(start / HOUR) * HOUR;
    for (let hour = firstHour; hour < lastEnd; hour += HOUR) {
      workloadMinutes(workload, hour).forEach((minute, index) => {
        const minuteStart = hour + index * 60;
        if (minuteStart + 60 <= start || minuteStart + 60 > lastEnd) return;
        metric.variants.forEach((variant, variantIndex) => {
          const value = variant.value(minute);
          if (value !== null) perVariant[variantIndex]?.set(minuteStart, value);
        });
      });
    }
    metric.variants.forEach((variant, variantIndex) => {
      const points = perVariant[variantIndex];
      if (points === undefined || points.size === 0) return;
      series.push({
        metricType,
        metricLabels: { ...variant.metricLabels, request_type: 'shared' },
        resourceLabels: resourceLabels(workload),
        valueType: metric.valueType,
        unit: metric.unit,
        points,
      });
    });
  }
  return series;
}

/** `claude-sonnet-4-5@20250929` is reported as model `claude-sonnet-4-5`, version `20250929`. */
function resourceLabels(workload: VertexWorkload): Record<string, string> {
  const [modelUserId = workload.model, modelVersionId = ''] = workload.model.split('@');
  return {
    resource_container: workload.project,
    location: workload.region,
    publisher: workload.publisher,
    model_user_id: modelUserId,
    model_version_id: modelVersionId,
  };
}
