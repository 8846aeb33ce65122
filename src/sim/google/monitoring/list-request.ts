/** A Google API error as REST sends it: `{ error: { code, message, status } }`. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

export type Aligner = 'ALIGN_NONE' | 'ALIGN_DELTA' | 'ALIGN_SUM';
export type Reducer = 'REDUCE_NONE' | 'REDUCE_SUM';

/** `projects.timeSeries.list` as the simulator understood it; times are UTC epoch seconds. */
export interface ListRequest {
  project: string;
  metricType: string;
  /** `resource.type`, when the filter names one. */
  resourceType?: string;
  /** Other `field = "value"` clauses of the filter, e.g. `resource.labels.location`. */
  labelEquals: Array<{ field: string; value: string }>;
  start: number;
  end: number;
  aggregation: { alignmentSeconds: number; aligner: Aligner; reducer: Reducer; groupByFields: string[] };
  headersOnly: boolean;
  pageSize: number;
  pageToken?: string;
  /** `$alt=json;enum-encoding=int`: enums are answered as numbers. */
  intEnums: boolean;
  /** Every parameter but the page token and size, for binding tokens to their query. */
  fingerprint: Record<string, string[]>;
}

// The REST fallback sends enums as numbers; people send names.
const ALIGNERS: Record<string, Aligner> = {
  '0': 'ALIGN_NONE',
  '1': 'ALIGN_DELTA',
  '14': 'ALIGN_SUM',
  ALIGN_NONE: 'ALIGN_NONE',
  ALIGN_DELTA: 'ALIGN_DELTA',
  ALIGN_SUM: 'ALIGN_SUM',
};
const REDUCERS: Record<string, Reducer> = {
  '0': 'REDUCE_NONE',
  '4': 'REDUCE_SUM',
  REDUCE_NONE: 'REDUCE_NONE',
  REDUCE_SUM: 'REDUCE_SUM',
};
const MAX_PAGE_SIZE = 100_000;
const CLAUSE = /^(metric\.type|resource\.type|(?:metric|resource)\.labels?\.[a-z_]+)\s*=\s*"([^"]*)"$/;
const GROUP_FIELD = /^(metric|resource)\.labels?\.[a-z_]+$/;

/** Reads the query of `GET /v3/projects/{project}/timeSeries`; throws `GoogleApiError` 400 like the API. */
export function parseListRequest(project: string, params: URLSearchParams): ListRequest {
  const one = (name: string) => params.get(name) ?? undefined;
  const filter = one('filter');
  if (filter === undefined || filter.trim() === '')
    invalid('Field filter had an invalid value: empty filter');
  let metricType: string | undefined;
  let resourceType: string | undefined;
  const labelEquals: ListRequest['labelEquals'] = [];
  for (const clause of filter.trim().split(/\s+AND\s+/i)) {
    const match = CLAUSE.exec(clause.trim());
    if (match === null) invalid(`Field filter had an invalid value of "${filter}": cannot parse "${clause}"`);
    const [, field = '', value = ''] = match;
    if (field === 'metric.type') metricType = value;
    else if (field === 'resource.type') resourceType = value;
    else labelEquals.push({ field: field.replace(/\.label\./, '.labels.'), value });
  }
  if (metricType === undefined) invalid('Field filter must name exactly one metric.type');

  const end = timestamp(one('interval.endTime'), 'interval.endTime');
  const start =
    one('interval.startTime') === undefined
      ? end
      : timestamp(one('interval.startTime'), 'interval.startTime');
  if (start > end) invalid('Field interval.startTime is later than interval.endTime');

  const pageSizeText = one('pageSize');
  const pageSize = pageSizeText === undefined ? MAX_PAGE_SIZE : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 0)
    invalid(`Field pageSize had an invalid value: ${pageSizeText}`);
  const view = one('view') ?? '0';
  if (!['0', '1', 'FULL', 'HEADERS'].includes(view)) invalid(`Field view had an invalid value: ${view}`);

  const fingerprint: Record<string, string[]> = { project: [project] };
  for (const name of new Set(params.keys())) {
    if (name !== 'pageToken' && name !== 'pageSize') fingerprint[name] = params.getAll(name);
  }
  const pageToken = one('pageToken');
  return {
    project,
    metricType,
    ...(resourceType === undefined ? {} : { resourceType }),
    labelEquals,
    start,
    end,
    aggregation: aggregation(params),
    headersOnly: view === '1' || view === 'HEADERS',
    pageSize: pageSize === 0 ? MAX_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE),
    ...(pageToken === undefined || pageToken === '' ? {} : { pageToken }),
    intEnums: /enum-encoding=int/.test(params.get('$alt') ?? ''),
    fingerprint,
  };
}

function aggregation(params: URLSearchParams): ListRequest['aggregation'] {
  const periodText = params.get('aggregation.alignmentPeriod');
  const alignerText = params.get('aggregation.perSeriesAligner') ?? '0';
  const reducerText = params.get('aggregation.crossSeriesReducer') ?? '0';
  const aligner = ALIGNERS[alignerText];
  const reducer = REDUCERS[reducerText];
  if (aligner === undefined) invalid(`The simulator does not model perSeriesAligner ${alignerText}`);
  if (reducer === undefined) invalid(`The simulator does not model crossSeriesReducer ${reducerText}`);
  const groupByFields = params.getAll('aggregation.groupByFields');
  for (const field of groupByFields) {
    if (!GROUP_FIELD.test(field)) invalid(`Field aggregation.groupByFields had an invalid value: ${field}`);
  }
  let alignmentSeconds = 0;
  if (periodText !== null) {
    const match = /^(\d+)(?:\.0+)?s$/.exec(periodText);
    alignmentSeconds = match === null ? Number.NaN : Number(match[1]);
    if (!(alignmentSeconds >= 60) || alignmentSeconds % 60 !== 0) {
      invalid(`Field aggregation.alignmentPeriod had an invalid value: ${periodText} (a multiple of 60s)`);
    }
  }
  if (aligner !== 'ALIGN_NONE' && alignmentSeconds === 0) {
    invalid('Field aggregation.alignmentPeriod is required when perSeriesAligner is set');
  }
  if (reducer !== 'REDUCE_NONE' && aligner === 'ALIGN_NONE') {
    invalid('Field aggregation.perSeriesAligner must be set when crossSeriesReducer is set');
  }
  if (reducer === 'REDUCE_NONE' && groupByFields.length > 0) {
    invalid('Field aggregation.groupByFields needs a crossSeriesReducer');
  }
  return {
    alignmentSeconds,
    aligner,
    reducer,
    groupByFields: groupByFields.map((field) => field.replace(/\.label\./, '.labels.')),
  };
}

function timestamp(text: string | undefined, field: string): number {
  const millis = text === undefined ? Number.NaN : Date.parse(text);
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(text) || !Number.isFinite(millis)) {
    invalid(`Field ${field} had an invalid value: ${text ?? '(missing)'}`);
  }
  return millis / 1000;
}

function invalid(message: string): never {
  throw new GoogleApiError(400, 'INVALID_ARGUMENT', message);
}
