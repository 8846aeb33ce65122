import type { FactDimensions } from '../facts.js';
import { type AttributionRule, type MatchKey, NO_FEATURE, UNALLOCATED } from './types.js';

/** The team and feature a fact belongs to, and which rule said so (`-1`: none, unallocated). */
export interface Attribution {
  team: string;
  feature: string;
  ruleIndex: number;
}

const FIELD_OF_KEY: Record<string, keyof FactDimensions> = {
  source: 'source',
  account_id: 'accountId',
  workspace_id: 'workspaceId',
  project_id: 'projectId',
  api_key_id: 'apiKeyId',
  user_id: 'userId',
  model: 'model',
  region: 'region',
  service_tier: 'serviceTier',
  inference_profile: 'inferenceProfile',
  deployment: 'deployment',
};

/** The value of a match key on a fact, or `undefined` when the fact does not carry it. */
export function dimensionValue(dims: FactDimensions, key: MatchKey | string): string | undefined {
  if (key.startsWith('tag.')) return dims.tags?.[key.slice(4)];
  if (key.startsWith('label.')) return dims.labels?.[key.slice(6)];
  const field = FIELD_OF_KEY[key];
  if (field === undefined) return undefined;
  const value = dims[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

type Matcher = (dims: FactDimensions) => boolean;
type Filler = (dims: FactDimensions) => string | undefined;

interface CompiledRule {
  matches: Matcher;
  team: Filler;
  feature: Filler;
}

/**
 * Compiles ordered rules into a function from a fact's dimensions to its attribution. First
 * match wins; a rule whose template refers to a value the fact lacks does not match.
 */
export function compileAttribution(rules: readonly AttributionRule[]): (dims: FactDimensions) => Attribution {
  const compiled = rules.map(compileRule);
  return (dims) => {
    for (const [ruleIndex, rule] of compiled.entries()) {
      if (!rule.matches(dims)) continue;
      const team = rule.team(dims);
      const feature = rule.feature(dims);
      if (team === undefined || feature === undefined) continue;
      return { team, feature, ruleIndex };
    }
    return { team: UNALLOCATED, feature: NO_FEATURE, ruleIndex: -1 };
  };
}

function compileRule(rule: AttributionRule): CompiledRule {
  const tests = Object.entries(rule.match).map(([key, pattern]) => {
    const accepts = compileGlob(pattern ?? '');
    return (dims: FactDimensions) => {
      const value = dimensionValue(dims, key);
      return value !== undefined && accepts(value);
    };
  });
  return {
    matches: (dims) => tests.every((test) => test(dims)),
    team: compileTemplate(rule.team),
    feature: rule.feature === undefined ? () => NO_FEATURE : compileTemplate(rule.feature),
  };
}

/**
 * `*` matches any run of characters (slashes and colons included: ARNs and ids contain them); every
 * other character is literal. Path-glob libraries treat `/` specially, which is wrong for ids.
 */
export function compileGlob(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}

const PLACEHOLDER = /\{([a-z_]+(?:\.[^{}]+)?)\}/g;

/** Fills `{tag.team}`-style placeholders from the fact; `undefined` when one has no value. */
export function compileTemplate(template: string): Filler {
  if (!template.includes('{')) return () => template;
  return (dims) => {
    let missing = false;
    const filled = template.replace(PLACEHOLDER, (_, key: string) => {
      const value = dimensionValue(dims, key);
      if (value === undefined) missing = true;
      return value ?? '';
    });
    return missing || filled === '' ? undefined : filled.toLowerCase();
  };
}
