import { describe, expect, it } from 'vitest';
import { hashSeed, mulberry32, rngFor } from '../../../src/sim/scenario/rng.js';

describe('mulberry32', () => {
  it('repeats the same sequence for seed 42 and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('differs between seeds 42 and 43', () => {
    expect(mulberry32(42)()).not.toBe(mulberry32(43)());
  });
});

describe('hashSeed', () => {
  it('is a stable 32-bit value that depends on every part and its position', () => {
    expect(hashSeed(42, 'orphan', 3600)).toBe(hashSeed(42, 'orphan', 3600));
    expect(hashSeed(42, 'orphan', 3600)).not.toBe(hashSeed(42, 'orphan', 7200));
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(Number.isInteger(hashSeed('x'))).toBe(true);
    expect(hashSeed('x')).toBeLessThan(2 ** 32);
    expect(rngFor(1, 'a')()).toBe(mulberry32(hashSeed(1, 'a'))());
  });
});
