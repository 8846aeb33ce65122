export type BucketWidth = '1m' | '1h' | '1d';

const BUCKET_SECONDS: Record<BucketWidth, number> = { '1m': 60, '1h': 3_600, '1d': 86_400 };

/** What one report endpoint accepts: bucket widths with their `limit` default and maximum, groupings. */
export interface ReportKind {
  defaultWidth: BucketWidth;
  widths: Partial<Record<BucketWidth, { defaultLimit: number; maxLimit: number }>>;
  groupable: readonly string[];
}

/** A validated report request. Times are UTC epoch seconds. */
export interface ReportQuery {
  bucketSeconds: number;
  /** Start of the first bucket of this page: `starting_at` snapped down, or where `page` points. */
  pageStart: number;
  /** Buckets ending at or before this are served (`ending_at`, exclusive). */
  end: number;
  limit: number;
  groupBy: string[];
}

/** A request the real API answers with 400 `invalid_request_error`. */
export class InvalidReportRequest extends Error {}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const PAGE_PREFIX = 'page_';

export function parseReportQuery(params: URLSearchParams, kind: ReportKind, defaultEnd: number): ReportQuery {
  const width = (params.get('bucket_width') ?? kind.defaultWidth) as BucketWidth;
  const limits = kind.widths[width];
  if (!limits) {
    const allowed = Object.keys(kind.widths).join(', ');
    throw new InvalidReportRequest(`bucket_width: must be one of ${allowed}, got ${JSON.stringify(width)}`);
  }
  const bucketSeconds = BUCKET_SECONDS[width];
  const startingAt = params.get('starting_at');
  if (startingAt === null) throw new InvalidReportRequest('starting_at: Field required');
  const start = snap(parseTime('starting_at', startingAt), bucketSeconds);
  const endingAt = params.get('ending_at');
  const end =
    endingAt === null
      ? Math.ceil(defaultEnd / bucketSeconds) * bucketSeconds
      : parseTime('ending_at', endingAt);
  if (end <= start) throw new InvalidReportRequest('ending_at: must be after starting_at');
  const limit = parseLimit(params.get('limit'), limits.defaultLimit, limits.maxLimit);
  const page = params.get('page');
  const pageStart = page === null || page === '' ? start : snap(decodePageToken(page), bucketSeconds);
  return { bucketSeconds, pageStart, end, limit, groupBy: parseGroupBy(params, kind.groupable) };
}

/** The bucket starts of this page and where the next page starts (`null` when this is the last). */
export function pageBuckets(query: ReportQuery): { buckets: number[]; nextStart: number | null } {
  const buckets: number[] = [];
  let bucketStart = query.pageStart;
  while (bucketStart + query.bucketSeconds <= query.end && buckets.length < query.limit) {
    buckets.push(bucketStart);
    bucketStart += query.bucketSeconds;
  }
  const more = bucketStart + query.bucketSeconds <= query.end;
  return { buckets, nextStart: more ? bucketStart : null };
}

export function encodePageToken(bucketStart: number): string {
  return PAGE_PREFIX + Buffer.from(formatTime(bucketStart)).toString('base64');
}

export function formatTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function decodePageToken(token: string): number {
  const text = token.startsWith(PAGE_PREFIX)
    ? Buffer.from(token.slice(PAGE_PREFIX.length), 'base64').toString('utf8')
    : '';
  if (!RFC3339.test(text)) throw new InvalidReportRequest('page: invalid page token');
  return Math.floor(Date.parse(text) / 1000);
}

function parseTime(name: string, text: string): number {
  const millis = RFC3339.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis))
    throw new InvalidReportRequest(`${name}: invalid RFC 3339 datetime ${JSON.stringify(text)}`);
  return Math.floor(millis / 1000);
}

function snap(epochSeconds: number, bucketSeconds: number): number {
  return Math.floor(epochSeconds / bucketSeconds) * bucketSeconds;
}

function parseLimit(text: string | null, defaultLimit: number, maxLimit: number): number {
  if (text === null) return defaultLimit;
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= maxLimit)) {
    throw new InvalidReportRequest(
      `limit: must be an integer between 1 and ${maxLimit}, got ${JSON.stringify(text)}`,
    );
  }
  return limit;
}

/** Stainless SDKs send `group_by[]=a`, curl users `group_by=a`; both may repeat. */
function parseGroupBy(params: URLSearchParams, groupable: readonly string[]): string[] {
  const groupBy = [...new Set([...params.getAll('group_by[]'), ...params.getAll('group_by')])];
  for (const dimension of groupBy) {
    if (!groupable.includes(dimension)) {
      throw new InvalidReportRequest(
        `group_by: must be one of ${groupable.join(', ')}, got ${JSON.stringify(dimension)}`,
      );
    }
  }
  return groupBy;
}
