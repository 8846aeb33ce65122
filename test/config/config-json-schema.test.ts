import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema } from '../../src/config/config-json-schema.js';

type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  propertyNames?: { pattern?: string };
  anyOf?: JsonSchema[];
};

const schema = configJsonSchema() as JsonSchema & { $schema?: string };
const properties = schema.properties ?? {};

describe('configJsonSchema', () => {
  it('is a draft 2020-12 object schema of the 10 top-level sections, closed to unknown keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(properties)).toEqual([
      'teams',
      'attribution',
      'sources',
      'slack',
      'msteams',
      'alerts',
      'schedule',
      'admins',
      'visibility',
      'prices',
    ]);
    expect(schema.required ?? []).toEqual([]);
  });

  it('describes attribution as a list of { match, team, feature } rules with match-key names', () => {
    const attribution = properties.attribution;
    expect(attribution?.type).toBe('array');
    expect(attribution?.title).toBe('Attribution rules');
    const rule = attribution?.items;
    expect(Object.keys(rule?.properties ?? {})).toEqual(['match', 'team', 'feature']);
    expect(rule?.required).toEqual(['match', 'team']);
    const keyPattern = new RegExp(rule?.properties?.match?.propertyNames?.pattern ?? '^$');
    expect(['workspace_id', 'tag.team', 'label.env'].every((key) => keyPattern.test(key))).toBe(true);
    expect(keyPattern.test('workspce_id')).toBe(false);
  });

  it('shows defaults: schedule UTC and */5, alerts [80, 95] and 30 minutes, visibility open', () => {
    const schedule = properties.schedule?.properties ?? {};
    expect(schedule.timezone?.default).toBe('UTC');
    expect(schedule.collect?.default).toBe('*/5 * * * *');
    const alerts = properties.alerts?.properties ?? {};
    expect(alerts.quota_percent?.default).toEqual([80, 95]);
    expect(alerts.escalate_after_minutes?.default).toBe(30);
    expect(properties.visibility?.default).toBe('open');
    expect(properties.sources?.properties?.anthropic?.properties?.backfill_days?.default).toBe(30);
  });

  it('accepts a budget as a decimal string or a non-negative number', () => {
    const team = properties.teams?.additionalProperties as JsonSchema;
    const budget = team.properties?.monthly_budget_usd;
    expect(budget?.anyOf?.map((option) => option.type)).toEqual(['string', 'number']);
    expect(properties.teams?.propertyNames?.pattern).toBe('^[a-z0-9][a-z0-9_-]*$');
  });

  it('gives every top-level section a title or description for editors', () => {
    for (const [key, section] of Object.entries(properties)) {
      expect(`${key}: ${section.title ?? section.description ?? ''}`.length).toBeGreaterThan(key.length + 2);
    }
  });

  it('knows every key the example file uses, at every depth', () => {
    const example = parse(readFileSync(new URL('../../ai-spend.example.yml', import.meta.url), 'utf8'));
    const unknown: string[] = [];
    const walk = (value: unknown, node: JsonSchema | undefined, path: string) => {
      if (node === undefined || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value) walk(item, node.items, `${path}[]`);
        return;
      }
      for (const [key, child] of Object.entries(value)) {
        const known = node.properties?.[key];
        const open = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
        if (known === undefined && open === undefined && node.propertyNames === undefined)
          unknown.push(`${path}.${key}`);
        walk(child, known ?? open, `${path}.${key}`);
      }
    };
    walk(example, schema, '');
    expect(unknown).toEqual([]);
  });
});
