import type { protos } from '@google-cloud/monitoring';
import { AiSpendError } from '../../../core/errors.js';
import type { MonitoringCallSite } from './classify-monitoring-error.js';
import { vertexModelId } from './vertex-model-id.js';

export type TimeSeries = protos.google.monitoring.v3.ITimeSeries;
export type Point = protos.google.monitoring.v3.IPoint;

/** The window a query asked for: `[start, end)`, UTC epoch seconds, in buckets of `bucketSeconds`. */
export interface SeriesWindow {
  start: number;
  end: number;
  bucketSeconds: number;
}

/** An int64 as the client decodes it: a string, a number or a protobuf Long. */
type Int64 = string | number | { toNumber(): number } | null | undefined;

/** The Vertex location and ai-spend model id a publisher-model series belongs to. */
export interface SeriesModel {
  location: string;
  model: string;
}

/** A `provider_schema` error naming the project, metric and JSON path of what was unexpected. */
export function monitoringSchemaError(site: MonitoringCallSite, path: string, problem: string): AiSpendError {
  return new AiSpendError(
    'provider_schema',
    `Cloud Monitoring ${site.metric} of project ${site.project}: ${path} ${problem}`,
    {
      hint: 'check that the endpoint is Cloud Monitoring (monitoring.googleapis.com); if it is, the Vertex AI publisher metrics changed shape',
    },
  );
}

/** `location` and model of series `index` from its resource labels. */
export function seriesModel(series: TimeSeries, index: number, site: MonitoringCallSite): SeriesModel {
  const labels = series.resource?.labels ?? {};
  const required = (name: string) => {
    const value = labels[name];
    if (typeof value !== 'string' || value === '') {
      throw monitoringSchemaError(site, `timeSeries[${index}].resource.labels.${name}`, 'is missing');
    }
    return value;
  };
  const location = required('location');
  const modelUserId = required('model_user_id');
  return { location, model: vertexModelId(modelUserId, labels.model_version_id ?? '') };
}

/** A metric label of series `index`, `''` when absent. */
export function metricLabel(series: TimeSeries, name: string): string {
  return series.metric?.labels?.[name] ?? '';
}

/**
 * The points of series `index` with the start of the bucket each covers. Every point must be one
 * aligned `bucketSeconds` period of the window, each at most once.
 */
export function alignedPoints(
  series: TimeSeries,
  index: number,
  site: MonitoringCallSite,
  { start, end, bucketSeconds }: SeriesWindow,
): Array<{ bucketStart: number; point: Point; path: string }> {
  const seen = new Set<number>();
  return (series.points ?? []).map((point, pointIndex) => {
    const path = `timeSeries[${index}].points[${pointIndex}]`;
    const pointEnd = seconds(point.interval?.endTime);
    if (pointEnd === undefined) throw monitoringSchemaError(site, `${path}.interval.endTime`, 'is missing');
    const pointStart =
      point.interval?.startTime == null ? pointEnd - bucketSeconds : seconds(point.interval.startTime);
    const bucketStart = pointEnd - bucketSeconds;
    if (
      pointStart !== bucketStart ||
      bucketStart < start ||
      pointEnd > end ||
      (bucketStart - start) % bucketSeconds !== 0
    ) {
      throw monitoringSchemaError(
        site,
        `${path}.interval`,
        `(${pointStart} to ${pointEnd}) is not a ${bucketSeconds}-s period of ${start} to ${end}`,
      );
    }
    if (seen.has(bucketStart)) throw monitoringSchemaError(site, `${path}.interval`, 'repeats a period');
    seen.add(bucketStart);
    return { bucketStart, point, path };
  });
}

/** A non-negative integer count of a point (`int64Value`, or an integral `doubleValue`). */
export function countValue(point: Point, path: string, site: MonitoringCallSite): number {
  const value = point.value;
  const fromInt = toNumber(value?.int64Value);
  const count = fromInt ?? (typeof value?.doubleValue === 'number' ? value.doubleValue : undefined);
  if (count === undefined || !Number.isSafeInteger(count) || count < 0) {
    throw monitoringSchemaError(site, `${path}.value`, 'is not a non-negative int64Value');
  }
  return count;
}

/** An int64 field as a number; `undefined` when absent or not a number. */
export function toNumber(value: Int64): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = typeof value === 'object' ? value.toNumber() : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function seconds(timestamp: protos.google.protobuf.ITimestamp | null | undefined): number | undefined {
  if (timestamp === null || timestamp === undefined) return undefined;
  const whole = toNumber(timestamp.seconds as Int64);
  if (whole === undefined) return undefined;
  return whole + (timestamp.nanos ?? 0) / 1e9;
}
