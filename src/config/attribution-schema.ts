import { z } from 'zod';
import { MATCH_KEYS } from '../core/attribution/types.js';
import { SOURCES } from '../core/facts.js';
import { suggest } from '../core/suggest.js';
import { describeValue } from './decimal-schema.js';
import { strictObject } from './strict-object.js';
import { unknownKeyMessage } from './suggest.js';

/** Team names: lowercase slugs. `unallocated` and `all` have fixed meanings in answers. */
export const TEAM_NAME = /^[a-z0-9][a-z0-9_-]*$/;
export const RESERVED_TEAM_NAMES: readonly string[] = ['unallocated', 'all'];

const KNOWN_KEYS_TEXT = `${MATCH_KEYS.join(', ')}, tag.<key>, label.<key>`;
const MATCH_KEY_PATTERN = `^(${MATCH_KEYS.join('|')}|tag\\..+|label\\..+)$`;
const UNSUPPORTED_GLOB = /[?[\]{}]/;

/** Why `key` cannot be matched on, or `undefined` when it can. */
export function matchKeyProblem(key: string): string | undefined {
  if ((MATCH_KEYS as readonly string[]).includes(key)) return undefined;
  const prefixed = /^(tag|label)\.(.*)$/.exec(key);
  if (prefixed) {
    return prefixed[2]
      ? undefined
      : `key "${key}" needs a ${prefixed[1]} name after the dot (${prefixed[1]}.team)`;
  }
  const dot = key.indexOf('.');
  const prefix = dot > 0 ? suggest(key.slice(0, dot), ['tag', 'label']) : undefined;
  if (prefix !== undefined) return `unknown key "${key}" (did you mean "${prefix}${key.slice(dot)}"?)`;
  const message = unknownKeyMessage(key, MATCH_KEYS);
  return message.includes('did you mean') ? message : `${message} (expected one of ${KNOWN_KEYS_TEXT})`;
}

/** Problems with the `{placeholder}`s of a `team` or `feature` template; none for plain text. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const placeholder = /\{([^{}]*)\}/g;
  for (const found of template.matchAll(placeholder)) {
    const key = found[1] ?? '';
    if (matchKeyProblem(key) !== undefined) {
      problems.push(
        `placeholder "{${key}}" is not a match key (expected {source}, {project_id}, {tag.<key>}, ...)`,
      );
    }
  }
  if (/[{}]/.test(template.replace(placeholder, ''))) {
    problems.push(`unbalanced "{" or "}" in ${JSON.stringify(template)}`);
  }
  return problems;
}

export function isTemplate(value: string): boolean {
  return value.includes('{');
}

const matchValue = z.string({
  error: (issue) =>
    typeof issue.input === 'number'
      ? `expected a string, got number ${issue.input}; quote it ("${issue.input}") so leading zeros survive`
      : `expected a string (exact value or glob with *), got ${describeValue(issue.input)}`,
});

const matchSchema = z
  .record(z.string(), matchValue)
  .superRefine(
    (match, ctx) => {
      // Runs even when a value has the wrong type, so a misspelt key is reported with it.
      if (typeof match !== 'object' || match === null || Array.isArray(match)) return;
      const keys = Object.keys(match);
      if (keys.length === 0) {
        ctx.addIssue({ code: 'custom', message: `expected at least one key to match (${KNOWN_KEYS_TEXT})` });
      }
      for (const key of keys) {
        const keyProblem = matchKeyProblem(key);
        if (keyProblem !== undefined) {
          ctx.addIssue({ code: 'custom', message: keyProblem, params: { key } });
          continue;
        }
        const value = match[key];
        if (typeof value !== 'string') continue;
        const valueProblem = matchValueProblem(key, value);
        if (valueProblem !== undefined) ctx.addIssue({ code: 'custom', message: valueProblem, path: [key] });
      }
    },
    { when: () => true },
  )
  .meta({
    description: `What a fact must have for this rule to apply; every key must hold. Keys: ${KNOWN_KEYS_TEXT}. Values are exact or globs with *.`,
    propertyNames: { pattern: MATCH_KEY_PATTERN },
  });

function matchValueProblem(key: string, value: string): string | undefined {
  if (value === '') return 'expected an exact value or a glob such as "key_*", got an empty string';
  if (UNSUPPORTED_GLOB.test(value)) {
    return `"${value}": only * is a wildcard (?, [ ], { } are not supported)`;
  }
  if (key === 'source' && !value.includes('*') && !(SOURCES as readonly string[]).includes(value)) {
    const close = suggest(value, SOURCES);
    const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
    return `unknown source "${value}"${hint}; expected one of ${SOURCES.join(', ')}`;
  }
  return undefined;
}

const teamTarget = z
  .string()
  .min(1)
  .superRefine((team, ctx) => {
    if (isTemplate(team)) {
      for (const message of templateProblems(team)) ctx.addIssue({ code: 'custom', message });
    } else if (team === 'all') {
      ctx.addIssue({ code: 'custom', message: '"all" is reserved for the whole organisation; name a team' });
    } else if (!TEAM_NAME.test(team)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a team name (lowercase slug [a-z0-9][a-z0-9-_]*) or a template such as "{tag.team}", got "${team}"`,
      });
    }
  })
  .meta({ description: 'Team the spend goes to: a name from `teams` or a template such as "{tag.team}".' });

const featureTarget = z
  .string()
  .min(1)
  .superRefine((feature, ctx) => {
    for (const message of templateProblems(feature)) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ description: 'Feature the spend goes to; may be a template such as "{tag.feature}".' });

/** Ordered attribution rules: the first rule whose `match` holds decides team and feature. */
export const attributionSchema = z
  .array(strictObject({ match: matchSchema, team: teamTarget, feature: featureTarget.optional() }))
  .default([])
  .meta({
    title: 'Attribution rules',
    description: 'Ordered, first match wins. Spend no rule matches is "unallocated".',
  });
