import type { z } from 'zod';
import { suggest } from '../core/suggest.js';
import { describeValue } from './decimal-schema.js';

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a map',
  record: 'a map',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/**
 * The parse-wide error map: says what was expected and what was found, for the issues the
 * schema does not word itself (`expected a list, got string "U0ADMIN"`).
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `missing (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_small':
      return boundMessage('at least', issue.origin, issue.minimum, issue.inclusive ?? true, 'more than');
    case 'too_big':
      return boundMessage('at most', issue.origin, issue.maximum, issue.inclusive ?? true, 'less than');
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      const close =
        typeof issue.input === 'string'
          ? suggest(
              issue.input,
              issue.values.filter((value): value is string => typeof value === 'string'),
            )
          : undefined;
      const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
      return `expected one of ${values.join(', ')}, got ${describeValue(issue.input)}${hint}`;
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => `unknown key "${key}"`).join('\n');
    default:
      return undefined;
  }
}

function boundMessage(
  words: string,
  origin: string,
  bound: number | bigint,
  inclusive: boolean,
  exclusiveWords: string,
): string {
  const limit = inclusive ? `${words} ${bound}` : `${exclusiveWords} ${bound}`;
  if (origin === 'array' || origin === 'set') return `expected ${limit} item${bound === 1 ? '' : 's'}`;
  if (origin === 'string') {
    return bound === 1 && words === 'at least'
      ? 'expected a non-empty string'
      : `expected ${limit} characters`;
  }
  return `expected a number ${limit}`;
}
