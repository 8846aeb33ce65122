import { parseStat, type SimStat } from './bedrock-metrics.js';
import { invalidParameter } from './cloudwatch-errors.js';

const DAY = 86_400;
const MAX_QUERIES = 500;
const ID_PATTERN = /^[a-z][A-Za-z0-9_]*$/;

/** One `MetricStat` query of a `GetMetricData` request, validated. */
export interface MetricQuery {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  period: number;
  stat: SimStat;
}

/** A validated `GetMetricData` request; times are UTC epoch seconds. */
export interface MetricDataRequest {
  queries: MetricQuery[];
  startTime: number;
  endTime: number;
  scanBy: 'TimestampDescending' | 'TimestampAscending';
  maxDatapoints: number | undefined;
}

/**
 * The period granularity CloudWatch still holds for data starting at `startTime`: minutes for
 * 15 days, 5 minutes for 63 days, hours after that.
 */
export function retentionGranularity(startTime: number, now: number): number {
  const age = now - startTime;
  if (age > 63 * DAY) return 3_600;
  if (age > 15 * DAY) return 300;
  return 60;
}

/**
 * Validates a `GetMetricData` body as CloudWatch does and answers `InvalidParameterValue` for what
 * it would refuse. Metric math (`Expression`) and statistics the scenario cannot back (`Minimum`,
 * `Maximum`, trimmed means) are refused too, as not supported by the simulator.
 */
export function readMetricDataRequest(body: Record<string, unknown>, now: number): MetricDataRequest {
  const startTime = timestamp(body.StartTime, 'StartTime');
  const endTime = timestamp(body.EndTime, 'EndTime');
  if (startTime >= endTime) {
    throw invalidParameter('The parameter StartTime must be less than the parameter EndTime.');
  }
  const scanBy = body.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidParameter(`The value ${String(scanBy)} for parameter ScanBy is not valid.`);
  }
  const maxDatapoints = body.MaxDatapoints;
  if (maxDatapoints !== undefined && !(Number.isInteger(maxDatapoints) && Number(maxDatapoints) > 0)) {
    throw invalidParameter('The parameter MaxDatapoints must be a positive integer.');
  }
  const list = body.MetricDataQueries;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_QUERIES) {
    throw invalidParameter(
      `The parameter MetricDataQueries must contain between 1 and ${MAX_QUERIES} items.`,
    );
  }
  const granularity = retentionGranularity(startTime, now);
  const ids = new Set<string>();
  const queries = list.map((raw: unknown, index) => {
    const query = readQuery(raw, index + 1, granularity);
    if (ids.has(query.id)) throw invalidParameter(`The value ${query.id} for parameter Id is not unique.`);
    ids.add(query.id);
    return query;
  });
  return { queries, startTime, endTime, scanBy, maxDatapoints: maxDatapoints as number | undefined };
}

function readQuery(raw: unknown, member: number, granularity: number): MetricQuery {
  const at = `MetricDataQueries.member.${member}`;
  const { Id, Label, ReturnData, MetricStat, Expression } = (raw ?? {}) as Record<string, unknown>;
  if (typeof Id !== 'string' || !ID_PATTERN.test(Id) || Id.length > 255) {
    throw invalidParameter(
      `The value ${String(Id)} for parameter ${at}.Id is not valid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
    );
  }
  if (Expression !== undefined && MetricStat !== undefined) {
    throw invalidParameter(`${at}: exactly one of MetricStat and Expression must be given.`);
  }
  if (Expression !== undefined) {
    throw invalidParameter(`${at}.Expression: metric math is not supported by the simulator.`);
  }
  const stat = (MetricStat ?? {}) as Record<string, unknown>;
  const metric = (stat.Metric ?? {}) as Record<string, unknown>;
  if (
    MetricStat === undefined ||
    typeof metric.MetricName !== 'string' ||
    typeof metric.Namespace !== 'string'
  ) {
    throw invalidParameter(
      `The parameter ${at}.MetricStat with Metric.Namespace and Metric.MetricName is required.`,
    );
  }
  const period = stat.Period;
  if (typeof period !== 'number' || !Number.isInteger(period) || period <= 0 || period % 60 !== 0) {
    throw invalidParameter(`The parameter ${at}.MetricStat.Period must be a multiple of 60.`);
  }
  if (period % granularity !== 0) {
    throw invalidParameter(
      `The parameter ${at}.MetricStat.Period must be a multiple of ${granularity} for data this old.`,
    );
  }
  const parsedStat = typeof stat.Stat === 'string' ? parseStat(stat.Stat) : undefined;
  if (parsedStat === undefined) {
    throw invalidParameter(
      `The value ${String(stat.Stat)} for parameter ${at}.MetricStat.Stat is not supported by the simulator (Sum, Average, SampleCount, pNN).`,
    );
  }
  return {
    id: Id,
    label: typeof Label === 'string' ? Label : metric.MetricName,
    returnData: ReturnData !== false,
    namespace: metric.Namespace,
    metricName: metric.MetricName,
    dimensions: dimensions(metric.Dimensions, at),
    period,
    stat: parsedStat,
  };
}

function dimensions(raw: unknown, at: string): Array<{ Name: string; Value: string }> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw invalidParameter(`The parameter ${at}.MetricStat.Metric.Dimensions is not a list.`);
  return raw.map((dimension: unknown) => {
    const { Name, Value } = (dimension ?? {}) as Record<string, unknown>;
    if (typeof Name !== 'string' || typeof Value !== 'string') {
      throw invalidParameter(`Every ${at}.MetricStat.Metric.Dimensions member needs a Name and a Value.`);
    }
    return { Name, Value };
  });
}

function timestamp(value: unknown, name: string): number {
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : Number.NaN;
  if (!Number.isFinite(seconds)) throw invalidParameter(`The parameter ${name} is required.`);
  return Math.floor(seconds);
}
