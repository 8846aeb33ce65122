import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../../../src/core/money.js';
import { estimateMicros } from '../../../src/core/pricing/estimate-micros.js';

/** The definition: BigInt pico-dollars, one half-even rounding. */
function reference(rates: bigint[], numerator: bigint, denominator: bigint, counts: number[]): number {
  const pico = counts.reduce((sum, count, index) => sum + BigInt(count) * (rates[index] ?? 0n), 0n);
  return Number(roundHalfEven(pico * numerator, 1_000_000n * denominator));
}

describe('estimateMicros integer fast path', () => {
  it('agrees with BigInt arithmetic on 20,000 seeded rows, multipliers and magnitudes', () => {
    let seed = 12_345;
    const next = (limit: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % limit;
    };
    const multipliers: Array<[bigint, bigint]> = [
      [1n, 1n],
      [1n, 2n],
      [88n, 100n],
      [45n, 100n],
      [11n, 10n],
      [99n, 1000n],
    ];
    for (let i = 0; i < 20_000; i += 1) {
      const scale = 10 ** next(11);
      const counts = Array.from({ length: 5 }, () => next(1_000) * scale + next(1_000));
      const rates = Array.from({ length: 5 }, () => BigInt(next(75_000_000) + 1));
      const [numerator, denominator] = multipliers[i % multipliers.length] ?? [1n, 1n];
      const tokens = {
        uncachedInput: counts[0] ?? 0,
        cacheWrite5m: counts[1] ?? 0,
        cacheWrite1h: counts[2] ?? 0,
        cacheRead: counts[3] ?? 0,
        output: counts[4] ?? 0,
      };
      const { micros } = estimateMicros(rates, { numerator, denominator }, tokens);
      expect(micros).toBe(
        reference(rates, numerator, denominator, [
          tokens.uncachedInput,
          tokens.cacheWrite5m,
          tokens.cacheWrite1h,
          tokens.cacheRead,
          tokens.output,
        ]),
      );
    }
  });

  it('rounds 1.5 µ$ up to 2 and 2.5 µ$ down to 2 (half to even)', () => {
    const rates = [1_500_000n, null, null, null, 2_500_000n];
    const one = { uncachedInput: 1, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 };
    expect(estimateMicros(rates, { numerator: 1n, denominator: 1n }, one).micros).toBe(2);
    expect(
      estimateMicros(rates, { numerator: 1n, denominator: 1n }, { ...one, uncachedInput: 0, output: 1 })
        .micros,
    ).toBe(2);
  });
});
