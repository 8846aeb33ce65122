/** The time span one collection pass reads for one stream. UTC epoch seconds, bucket-aligned. */
export interface ReportWindow {
  start: number;
  /** Exclusive; includes the current, still-filling bucket. */
  end: number;
  /** Start of the current incomplete bucket: a cursor never passes it. */
  completeBefore: number;
}

export interface ReportWindowInput {
  now: number;
  since?: number;
  until?: number;
  /** The stream's stored cursor; `undefined` before its first page. */
  cursor?: number;
  bucketSeconds: number;
  /** How far back the first pass reads. */
  backfillSeconds: number;
  /** How far back every pass re-reads, because the provider restates recent buckets. */
  repollSeconds: number;
}

export function reportWindow({
  now,
  since,
  until,
  cursor,
  bucketSeconds,
  backfillSeconds,
  repollSeconds,
}: ReportWindowInput): ReportWindow {
  const from =
    since ?? (cursor === undefined ? now - backfillSeconds : Math.min(cursor, now - repollSeconds));
  return {
    start: Math.floor(from / bucketSeconds) * bucketSeconds,
    end: Math.ceil((until ?? now) / bucketSeconds) * bucketSeconds,
    completeBefore: Math.floor(now / bucketSeconds) * bucketSeconds,
  };
}
