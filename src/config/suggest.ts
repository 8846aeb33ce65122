import { suggest } from '../core/suggest.js';

/** `unknown key "x"` with a `(did you mean "y"?)` when a known key is close. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const close = suggest(key, known);
  return close === undefined ? `unknown key "${key}"` : `unknown key "${key}" (did you mean "${close}"?)`;
}
