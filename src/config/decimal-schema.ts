import { z } from 'zod';

const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A non-negative decimal amount written as a number (`25000`) or a string (`"0.125"`), always
 * returned as the decimal string so money never takes a floating-point step. `max` bounds it
 * inclusively (percentages).
 */
export function decimalSchema({ max }: { max?: number } = {}) {
  const example = max === undefined ? '"25000" or "0.125"' : `between "0" and "${max}"`;
  const decimal = z
    .union(
      [
        z.string().regex(UNSIGNED_DECIMAL, {
          error: (issue) =>
            `expected a non-negative decimal such as ${example}, got ${JSON.stringify(issue.input)}`,
        }),
        z
          .number()
          .min(0, { error: (issue) => `expected a non-negative decimal, got ${issue.input}` })
          .refine((value) => value < 0 || UNSIGNED_DECIMAL.test(String(value)), {
            error: (issue) =>
              `expected a plain decimal, got ${issue.input}; write it as a string such as "0.0000001"`,
          }),
      ],
      {
        error: (issue) =>
          `expected a decimal amount (a number or a string such as ${example}), got ${describeValue(issue.input)}`,
      },
    )
    .transform((value) => String(value));
  if (max === undefined) return decimal;
  return decimal.refine((value) => Number(value) <= max, {
    error: (issue) => `expected at most ${max}, got ${JSON.stringify(issue.input)}`,
  });
}

/** How a value looks in an error message: its type, and the value itself when short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
