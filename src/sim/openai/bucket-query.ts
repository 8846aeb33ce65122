/** A 400 answer: the message and the offending parameter, as OpenAI reports them. */
export class InvalidParamError extends Error {
  readonly param: string;

  constructor(param: string, message: string) {
    super(message);
    this.name = 'InvalidParamError';
    this.param = param;
  }
}

/** Query values by name; `group_by[]=a` and `group_by=a` both land under `group_by`. */
export type QueryValues = Record<string, string[]>;

export function readQuery(search: URLSearchParams): QueryValues {
  const values: QueryValues = {};
  for (const [rawName, value] of search) {
    const name = rawName.endsWith('[]') ? rawName.slice(0, -2) : rawName;
    const list = values[name] ?? [];
    list.push(value);
    values[name] = list;
  }
  return values;
}

export function single(query: QueryValues, name: string): string | undefined {
  const list = query[name];
  return list === undefined ? undefined : list[list.length - 1];
}

/** Limits per bucket width: how many buckets a page holds by default and at most. */
export type WidthLimits = Partial<Record<BucketWidth, { default: number; max: number }>>;

export type BucketWidth = '1m' | '1h' | '1d';

const WIDTH_SECONDS: Record<BucketWidth, number> = { '1m': 60, '1h': 3_600, '1d': 86_400 };

/** The buckets one request asks for: aligned starts of this page and where the next page begins. */
export interface BucketPage {
  widthSeconds: number;
  bucketStarts: number[];
  nextPage: string | null;
  groupBy: string[];
}

export function parseBucketQuery(
  query: QueryValues,
  { limits, groupable, now }: { limits: WidthLimits; groupable: readonly string[]; now: number },
): BucketPage {
  const startTime = integerParam(query, 'start_time');
  if (startTime === undefined) throw new InvalidParamError('start_time', 'start_time is required');
  const width = (single(query, 'bucket_width') ?? '1d') as BucketWidth;
  const widthLimits = limits[width];
  if (widthLimits === undefined) {
    const allowed = Object.keys(limits).join(', ');
    throw new InvalidParamError('bucket_width', `bucket_width must be one of ${allowed}`);
  }
  const widthSeconds = WIDTH_SECONDS[width];
  const endTime = integerParam(query, 'end_time') ?? now;
  if (endTime <= startTime)
    throw new InvalidParamError('end_time', 'end_time must be greater than start_time');
  const limit = integerParam(query, 'limit') ?? widthLimits.default;
  if (limit < 1 || limit > widthLimits.max) {
    throw new InvalidParamError(
      'limit',
      `limit must be between 1 and ${widthLimits.max} for bucket_width ${width}`,
    );
  }
  const groupBy = query.group_by ?? [];
  for (const field of groupBy) {
    if (!groupable.includes(field)) {
      throw new InvalidParamError('group_by', `group_by must be among ${groupable.join(', ')}, got ${field}`);
    }
  }
  const firstStart = startTime - (startTime % widthSeconds);
  const pageStart = decodePage(single(query, 'page'), { firstStart, endTime, widthSeconds });
  const bucketStarts: number[] = [];
  let bucketStart = pageStart;
  while (bucketStart < endTime && bucketStarts.length < limit) {
    bucketStarts.push(bucketStart);
    bucketStart += widthSeconds;
  }
  return {
    widthSeconds,
    bucketStarts,
    nextPage: bucketStart < endTime ? encodePage(bucketStart) : null,
    groupBy,
  };
}

function integerParam(query: QueryValues, name: string): number | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new InvalidParamError(name, `${name} must be an integer, got ${text}`);
  return Number(text);
}

function encodePage(bucketStart: number): string {
  return `page_${Buffer.from(String(bucketStart)).toString('base64url')}`;
}

function decodePage(
  page: string | undefined,
  { firstStart, endTime, widthSeconds }: { firstStart: number; endTime: number; widthSeconds: number },
): number {
  if (page === undefined) return firstStart;
  const decoded = page.startsWith('page_') ? Buffer.from(page.slice(5), 'base64url').toString() : '';
  const bucketStart = /^\d+$/.test(decoded) ? Number(decoded) : Number.NaN;
  const valid =
    bucketStart >= firstStart && bucketStart < endTime && (bucketStart - firstStart) % widthSeconds === 0;
  if (!valid) throw new InvalidParamError('page', `invalid page cursor ${page} for this query`);
  return bucketStart;
}

/** Keeps only records whose values appear in the `name[]` filter, when that filter is given. */
export function matchesFilter(query: QueryValues, name: string, value: string | null): boolean {
  const allowed = query[name];
  return allowed === undefined || (value !== null && allowed.includes(value));
}
