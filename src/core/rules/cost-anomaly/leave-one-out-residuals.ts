import { medianOf, sortFour, sortThree } from './median-of.js';

/**
 * Appends, for each value, |ln((value + offset) ÷ (median of the others + offset))| to `residuals`,
 * and returns the median of all values. Three and four values (the usual weeks) take no sorting copy.
 */
export function leaveOneOutResiduals(values: readonly number[], offset: number, residuals: number[]): number {
  const residual = (value: number, others: number) =>
    Math.abs(Math.log((value + offset) / (others + offset)));
  if (values.length === 4 || values.length === 3) {
    const sorted = values.length === 4 ? sortFour(values) : sortThree(values);
    const [a = 0, b = 0, c = 0, d = 0] = sorted;
    if (values.length === 3) {
      residuals.push(residual(a, (b + c) / 2), residual(b, (a + c) / 2), residual(c, (a + b) / 2));
      return b;
    }
    // Without one of the two smallest the others' median is the third; without a larger one, the second.
    residuals.push(residual(a, c), residual(b, c), residual(c, b), residual(d, b));
    return (b + c) / 2;
  }
  values.forEach((value, skip) => {
    residuals.push(residual(value, medianOf(values.filter((_, index) => index !== skip))));
  });
  return medianOf(values);
}
