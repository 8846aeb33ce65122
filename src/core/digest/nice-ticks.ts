/**
 * Round axis ticks covering `[min, max]`: about `count` steps of 1, 2, 2.5 or 5 × 10^k, starting
 * and ending on a tick. An empty range is widened to `[0, 1]`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(min, max, 0);
  let high = Math.max(min, max, 0);
  if (high === low) high = low + 1;
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  // Multiplying from integers (not adding steps) keeps 0.1 + 0.2-style drift out of the labels.
  for (let index = first; index <= last; index++) ticks.push(Number((index * step).toPrecision(12)));
  return ticks;
}
