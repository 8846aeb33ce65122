import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION, lookupCatalog } from '../../../src/core/pricing/catalog-rates.js';

const NOV_29 = Date.parse('2026-11-29T00:00:00Z') / 1000;
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

describe('lookupCatalog', () => {
  it('names the installed, exactly pinned catalog version', () => {
    expect(readJson('../../../node_modules/@pydantic/genai-prices/package.json').version).toBe(
      CATALOG_VERSION,
    );
    expect(readJson('../../../package.json').dependencies['@pydantic/genai-prices']).toBe(CATALOG_VERSION);
  });

  it('returns the 3.3 $/MTok regional entry for a Bedrock us. profile', () => {
    expect(lookupCatalog('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', NOV_29)).toEqual({
      kind: 'found',
      entry: {
        catalogModelId: 'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
        owner: 'aws',
        rates: { input: 3.3, cacheWrite5m: 4.125, cacheWrite1h: undefined, cacheRead: 0.33, output: 16.5 },
      },
    });
  });

  it('keeps the long-context ladder of claude-sonnet-4-5 (3 → 6 above 200,000 input)', () => {
    const hit = lookupCatalog('anthropic', 'claude-sonnet-4-5', NOV_29);
    expect(hit.kind === 'found' && hit.entry.rates.input).toEqual({
      base: 3,
      tiers: [{ start: 200_000, price: 6 }],
    });
  });

  it('names the owner of an accepted Azure → OpenAI fallback and of a rejected Azure → DeepSeek one', () => {
    expect(lookupCatalog('azure', 'gpt-4o', NOV_29)).toMatchObject({
      kind: 'found',
      entry: { owner: 'openai' },
    });
    expect(lookupCatalog('azure', 'DeepSeek-R1', NOV_29)).toEqual({
      kind: 'fallback_rejected',
      catalogModelId: 'deepseek/deepseek-reasoner',
    });
  });

  it.each<[Parameters<typeof lookupCatalog>[0], string]>([
    ['anthropic', 'claude-haiku-5-5'],
    ['azure', 'my-gpt4o-prod'],
    ['focus', 'gpt-4o'],
  ])('finds nothing for %s %s', (source, model) => {
    expect(lookupCatalog(source, model, NOV_29)).toEqual({ kind: 'missing' });
  });
});
