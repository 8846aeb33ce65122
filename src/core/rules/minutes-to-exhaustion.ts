/** A rise over the trend window smaller than this share of the quota is flat. */
const FLAT_SHARE = 0.01;

/**
 * Minutes until per-minute use reaches `limit` at the linear trend (least squares) of `minutes`,
 * counted from the latest minute, rounded up. `undefined` when the trend is flat or falling, when
 * fewer than three minutes are known, or when the trend is already at the limit.
 */
export function minutesToExhaustion(
  minutes: ReadonlyArray<{ minute: number; used: number }>,
  limit: number,
): number | undefined {
  if (minutes.length < 3 || limit <= 0) return undefined;
  const first = minutes[0]?.minute ?? 0;
  const xs = minutes.map((point) => (point.minute - first) / 60);
  const ys = minutes.map((point) => point.used);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * ((ys[index] ?? 0) - meanY);
    variance += (x - meanX) ** 2;
  });
  if (variance === 0) return undefined;
  const slope = covariance / variance;
  const span = (xs.at(-1) ?? 0) - (xs[0] ?? 0);
  if (slope <= 0 || slope * span < FLAT_SHARE * limit) return undefined;
  const latestFitted = meanY + slope * ((xs.at(-1) ?? 0) - meanX);
  if (latestFitted >= limit) return undefined;
  return Math.ceil((limit - latestFitted) / slope);
}
