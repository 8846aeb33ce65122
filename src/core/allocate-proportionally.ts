/**
 * Splits an integer amount over weights so that the parts are integers that add up to the amount
 * exactly (largest-remainder method). Ties go to the earlier index, so the split is deterministic.
 * Negative amounts (credits) are split like positive ones, with the sign kept. Weights must be
 * non-negative; when they are all zero the amount is split evenly.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sign = amount < 0 ? -1n : 1n;
  const total = BigInt(Math.abs(amount));
  const exact = weights.map((weight) => BigInt(Math.max(0, Math.round(weight))));
  let weightSum = exact.reduce((sum, weight) => sum + weight, 0n);
  const bigWeights = weightSum === 0n ? exact.map(() => 1n) : exact;
  if (weightSum === 0n) weightSum = BigInt(weights.length);

  const parts = bigWeights.map((weight) => (total * weight) / weightSum);
  let rest = total - parts.reduce((sum, part) => sum + part, 0n);
  if (rest > 0n) {
    const byRemainder = bigWeights
      .map((weight, index) => ({ index, remainder: (total * weight) % weightSum }))
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of byRemainder) {
      if (rest === 0n) break;
      parts[index] = (parts[index] ?? 0n) + 1n;
      rest -= 1n;
    }
  }
  return parts.map((part) => Number(part * sign));
}
