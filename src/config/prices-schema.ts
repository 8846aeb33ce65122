import { z } from 'zod';
import { SOURCES } from '../core/facts.js';
import { suggest } from '../core/suggest.js';
import { decimalSchema, describeValue } from './decimal-schema.js';
import { strictObject } from './strict-object.js';
import { unknownKeyMessage } from './suggest.js';

const sourceSchema = z.enum(SOURCES, {
  error: (issue) => {
    const close = typeof issue.input === 'string' ? suggest(issue.input, SOURCES) : undefined;
    const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
    return `expected one of ${SOURCES.join(', ')}, got ${describeValue(issue.input)}${hint}`;
  },
});

/** A whole UTC day written `YYYY-MM-DD`, turned into the epoch seconds of its midnight. */
export const daySchema = z
  .string({ error: (issue) => `expected a date as "YYYY-MM-DD", got ${describeValue(issue.input)}` })
  .refine((text) => dayToEpochSeconds(text) !== undefined, {
    error: (issue) => `expected a calendar date as "YYYY-MM-DD", got ${JSON.stringify(issue.input)}`,
  })
  .transform((text) => dayToEpochSeconds(text) as number);

export function dayToEpochSeconds(text: string): number | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const millis = Date.UTC(year, month - 1, day);
  const date = new Date(millis);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return millis / 1000;
}

const ratesSchema = strictObject({
  input: decimalSchema().meta({ description: 'Uncached input tokens, USD per million.' }),
  output: decimalSchema().meta({ description: 'Output tokens, USD per million.' }),
  cache_write_5m: decimalSchema().optional().meta({ description: '5-minute cache writes, USD per million.' }),
  cache_write_1h: decimalSchema().optional().meta({ description: '1-hour cache writes, USD per million.' }),
  cache_read: decimalSchema().optional().meta({ description: 'Cache reads, USD per million.' }),
});

const modelPriceSchema = strictObject({
  source: sourceSchema,
  model: z.string().min(1).meta({ description: 'Model id as the source reports it.' }),
  from: daySchema.optional().meta({ description: 'First UTC day the rates apply (YYYY-MM-DD).' }),
  usd_per_mtok: ratesSchema,
});

const discountSchema = strictObject({
  source: sourceSchema,
  model: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Only this model; all models of the source when absent.' }),
  percent: decimalSchema({ max: 100 }).meta({ description: 'Percent off, e.g. "12" for 12%.' }),
  from: daySchema.optional().meta({ description: 'First UTC day the discount applies (YYYY-MM-DD).' }),
  until: daySchema.optional().meta({ description: 'First UTC day it no longer applies (YYYY-MM-DD).' }),
}).refine(
  (discount) => discount.from === undefined || discount.until === undefined || discount.until > discount.from,
  {
    error: 'expected "until" to be a later day than "from"',
    path: ['until'],
  },
);

const tierSchema = strictObject({
  source: sourceSchema,
  service_tier: z.string().min(1).meta({ description: 'Service tier as reported (priority, flex, ...).' }),
  multiplier: decimalSchema().meta({ description: 'Factor on the standard rates, e.g. "2" or "0.5".' }),
});

/** `prices:` — negotiated rates and prices the built-in catalog lacks. Money as decimal strings. */
export const pricesSchema = strictObject({
  models: z
    .array(modelPriceSchema)
    .default([])
    .superRefine((models, ctx) => {
      const seen = new Map<string, number>();
      models.forEach((entry, index) => {
        const key = `${entry.source}|${entry.model}|${entry.from ?? ''}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, index);
        else ctx.addIssue({ code: 'custom', message: `duplicates prices.models[${first}]`, path: [index] });
      });
    })
    .meta({ description: 'Rates per model, effective-dated; the latest entry in force wins.' }),
  discounts: z
    .array(discountSchema)
    .default([])
    .meta({ description: 'Negotiated discounts, applied after list price and tier multipliers.' }),
  tiers: z
    .array(tierSchema)
    .default([])
    .meta({ description: 'Multipliers for service tiers the catalog does not price.' }),
  aliases: z
    .partialRecord(sourceSchema, z.record(z.string(), z.string().min(1)), {
      // A partial record with enum keys reports unknown keys, though its issue type does not say so.
      error: (issue) => {
        const { code, keys } = issue as { code: string; keys?: string[] };
        return code === 'unrecognized_keys' && keys
          ? keys.map((key) => unknownKeyMessage(key, SOURCES)).join('\n')
          : undefined;
      },
    })
    .default({})
    .meta({ description: 'Per source: a name the provider reports → the model id to price it as.' }),
});
