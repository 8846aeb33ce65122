import { describe, expect, it } from 'vitest';
import { modelFamily } from '../../../../src/core/model-family.js';
import { vertexBillingRows } from '../../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { VERTEX_SIM_MODELS } from '../../../../src/sim/google/bigquery/vertex-sim-prices.js';
import { VERTEX_WORKLOADS, vertexHour } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';

const HOUR = 3_600;
const DAY = 86_400;
const END = Date.UTC(2026, 10, 27) / 1000;

/** Exact decimal text to integer picodollars, without the code under test. */
function picos(text: string): bigint {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
  return text.startsWith('-') ? -value : value;
}

describe('vertexBillingRows', () => {
  const rows = vertexBillingRows(END, 10);

  it('writes 8 token rows per hour (mobile has no cached input) and 3 storage rows per day: 1,950 in 10 days', () => {
    expect(rows).toHaveLength(10 * (24 * 8 + 3));
    expect(rows.filter((row) => row.service.description === 'Cloud Storage')).toHaveLength(30);
    expect(Math.min(...rows.map((row) => row.usage_start_time))).toBe(END - 10 * DAY);
    expect(Math.max(...rows.map((row) => row.usage_start_time))).toBe(END - HOUR);
  });

  it('bills every SKU row at tokens × the simulator list price, exactly', () => {
    for (const workload of VERTEX_WORKLOADS) {
      const model = VERTEX_SIM_MODELS[modelFamily(workload.model)]!;
      const hourStart = END - 5 * DAY + 14 * HOUR;
      const hour = vertexHour(workload, hourStart);
      const expected = [
        ['input', hour.inputTokens],
        ['output', hour.outputTokens],
        ['cachedInput', hour.cachedInputTokens],
      ] as const;
      for (const [kind, tokens] of expected) {
        const row = rows.find(
          (candidate) =>
            candidate.usage_start_time === hourStart &&
            candidate.project?.id === workload.project &&
            candidate.sku.description === model.skus[kind].description,
        );
        if (tokens === 0) {
          expect(row).toBeUndefined();
          continue;
        }
        const pricePicosPerToken = picos(model.pricePerMillion[kind]) / 1_000_000n;
        expect(picos(row!.cost)).toBe(BigInt(tokens) * pricePicosPerToken);
        expect(row!.usage.amount).toBe(String(tokens));
      }
    }
  });

  it('gives 4 mobile input rows a 5% promotion and 1 growth output row two credits each day', () => {
    const credited = rows.filter((row) => row.credits.length > 0);
    expect(credited).toHaveLength(10 * 5);
    const promotion = credited.find((row) => row.project?.id === 'acme-mobile-prod')!;
    expect(picos(promotion.credits[0]!.amount)).toBe(-((picos(promotion.cost) * 5n) / 100n));
    const twoCredits = credited.filter((row) => row.credits.length === 2);
    expect(twoCredits).toHaveLength(10);
    expect(twoCredits.every((row) => (row.usage_start_time % DAY) / HOUR === 12)).toBe(true);
    expect(credited.every((row) => row.credits.every((credit) => credit.amount.startsWith('-')))).toBe(true);
  });

  it('exports each row 3 to 8 hours after its usage hour ends', () => {
    for (const row of rows) {
      const lag = row.export_time - row.usage_end_time;
      expect(lag).toBeGreaterThanOrEqual(3 * HOUR);
      expect(lag).toBeLessThan(8 * HOUR);
    }
  });

  it('gives the same last 2 days whether 2 or 10 days are generated', () => {
    const recent = rows.filter((row) => row.usage_start_time >= END - 2 * DAY);
    expect(vertexBillingRows(END, 2)).toEqual(recent);
  });

  it('bills Claude under its own service with Anthropic as seller, Gemini under Vertex AI', () => {
    const claude = rows.find((row) => row.sku.description.startsWith('Claude'))!;
    expect(claude.service.description).toBe('Claude Sonnet 4.5');
    expect(claude.seller_name).toBe('Anthropic');
    expect(claude.labels).toEqual([
      { key: 'feature', value: 'incident-triage' },
      { key: 'team', value: 'platform' },
    ]);
    const gemini = rows.find((row) => row.sku.description.startsWith('Gemini'))!;
    expect(gemini.service.description).toBe('Vertex AI');
  });
});
