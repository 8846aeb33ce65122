/** Median of a list (0 when empty; the mean of the two middle values for an even count). */
export function medianOf(values: readonly number[]): number {
  const count = values.length;
  if (count <= 4) return smallMedian(values);
  const work = Float64Array.from(values);
  const half = count >> 1;
  const upper = select(work, half);
  return count % 2 === 1 ? upper : (select(work, half - 1, half) + upper) / 2;
}

/**
 * The `rank`-th smallest value (Hoare's quickselect, linear on average); `work` is reordered so that
 * every value before `rank` is at most it. `limit` bounds the search to `[0, limit)` once known.
 */
function select(work: Float64Array, rank: number, limit = work.length): number {
  let low = 0;
  let high = limit - 1;
  while (low < high) {
    const pivot = work[(low + high) >> 1] ?? 0;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((work[left] ?? 0) < pivot) left++;
      while ((work[right] ?? 0) > pivot) right--;
      if (left <= right) {
        const swap = work[left] ?? 0;
        work[left] = work[right] ?? 0;
        work[right] = swap;
        left++;
        right--;
      }
    }
    if (rank <= right) high = right;
    else if (rank >= left) low = left;
    else break;
  }
  return work[rank] ?? 0;
}

/** Median of up to 4 values without sorting a copy (the hot path: one value per previous week). */
function smallMedian(values: readonly number[]): number {
  const [a = 0, b = 0, c = 0, d = 0] = values;
  switch (values.length) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return (a + b) / 2;
    case 3:
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    default: {
      // The two middle values of four: drop the smallest and the largest.
      const total = a + b + c + d;
      return (total - Math.min(a, b, c, d) - Math.max(a, b, c, d)) / 2;
    }
  }
}

/** Three values in ascending order. */
export function sortThree(values: readonly number[]): number[] {
  const [a = 0, b = 0, c = 0] = values;
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  return c <= low ? [c, low, high] : c >= high ? [low, high, c] : [low, c, high];
}

/** Four values in ascending order. */
export function sortFour(values: readonly number[]): number[] {
  const [a = 0, b = 0, c = 0, d = 0] = values;
  const low1 = Math.min(a, b);
  const high1 = Math.max(a, b);
  const low2 = Math.min(c, d);
  const high2 = Math.max(c, d);
  const lowest = Math.min(low1, low2);
  const highest = Math.max(high1, high2);
  const middle1 = Math.max(low1, low2);
  const middle2 = Math.min(high1, high2);
  return [lowest, Math.min(middle1, middle2), Math.max(middle1, middle2), highest];
}
