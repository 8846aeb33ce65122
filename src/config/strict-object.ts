import { z } from 'zod';
import { unknownKeyMessage } from './suggest.js';

/**
 * An object that rejects unknown keys, one message line per unknown key, with a "did you mean"
 * when a known key is close (`unknown key "workspce_id" (did you mean "workspace_id"?)`).
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKeyMessage(key, known)).join('\n')
        : undefined,
  });
}

/** A section that may be left out or left empty (`slack:` with nothing under it): both mean `{}`. */
export function section<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null ? {} : value), schema).prefault({});
}

/**
 * An entry whose presence means something (`anthropic: {}` switches the source on): left out is
 * `undefined`, left empty is `{}`.
 */
export function optionalEntry<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null ? {} : value), schema).optional();
}
