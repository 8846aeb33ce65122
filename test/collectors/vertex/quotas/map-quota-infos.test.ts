import { describe, expect, it } from 'vitest';
import { mapQuotaInfos } from '../../../../src/collectors/vertex/quotas/map-quota-infos.js';
import { AiSpendError } from '../../../../src/core/errors.js';

const SERVICE = 'aiplatform.googleapis.com';
const info = (metric: string, dimensionsInfos: unknown[], quotaId = 'Q') => ({
  quotaId,
  metric: `${SERVICE}/${metric}`,
  dimensionsInfos,
});
const dims = (dimensions: Record<string, string>, value: unknown, applicableLocations: string[] = []) => ({
  dimensions,
  details: { value },
  applicableLocations,
});
const SEEN = [
  { location: 'us-east5', model: 'claude-sonnet-4-5@20250929' },
  { location: 'global', model: 'claude-opus-4-1@20250805' },
  { location: 'us-central1', model: 'gemini-2.5-pro' },
];

describe('mapQuotaInfos', () => {
  it('gives the seen model ids the input-TPM quota of their base model in their region', () => {
    const limits = mapQuotaInfos(
      [
        info('online_prediction_input_tokens_per_minute_per_base_model', [
          dims({ region: 'us-east5', base_model: 'anthropic-claude-sonnet-4-5' }, '60000'),
          dims({ region: 'europe-west1', base_model: 'anthropic-claude-sonnet-4-5' }, '90000'),
        ]),
        info('generate_content_input_tokens_per_minute_per_base_model', [
          dims({ base_model: 'gemini-2.5-pro' }, 4_000_000, ['us-central1', 'europe-west4']),
        ]),
        info('custom_model_training_cpus', [dims({ region: 'us-east5' }, '24')]),
      ],
      SEEN,
      'p',
    );
    expect(limits).toEqual([
      expect.objectContaining({
        region: 'us-east5',
        model: 'claude-sonnet-4-5@20250929',
        value: 60_000,
        unit: 'tokens_per_minute',
        inferenceType: 'on_demand',
        origin: 'service_quotas',
        quotaName: 'Vertex AI input tokens per minute for anthropic-claude-sonnet-4-5',
      }),
      expect.objectContaining({ region: 'us-central1', model: 'gemini-2.5-pro', value: 4_000_000 }),
    ]);
  });

  it('applies a lineage quota (anthropic-claude-opus on global) unless a more specific base model has one', () => {
    const lineage = info('global_online_prediction_input_tokens_per_minute_per_base_model', [
      dims({ base_model: 'anthropic-claude-opus' }, '200000', ['global']),
    ]);
    expect(mapQuotaInfos([lineage], SEEN, 'p')).toEqual([
      expect.objectContaining({
        region: 'global',
        model: 'claude-opus-4-1@20250805',
        value: 200_000,
        inferenceType: 'global',
      }),
    ]);
    const specific = info('global_online_prediction_input_tokens_per_minute_per_base_model', [
      dims({ base_model: 'claude-opus-4-1' }, '150000', ['global']),
    ]);
    expect(mapQuotaInfos([lineage, specific], SEEN, 'p').map((limit) => limit.value)).toEqual([150_000]);
    expect(mapQuotaInfos([specific, lineage], SEEN, 'p').map((limit) => limit.value)).toEqual([150_000]);
  });

  it('skips unlimited (-1) quotas, quotas without a base model and models not seen', () => {
    const limits = mapQuotaInfos(
      [
        info('online_prediction_input_tokens_per_minute_per_base_model', [
          dims({ region: 'us-east5', base_model: 'anthropic-claude-sonnet-4-5' }, '-1'),
          dims({ region: 'us-east5' }, '1000'),
          dims({ region: 'us-east5', base_model: 'anthropic-claude-haiku-4-5' }, '1000'),
        ]),
      ],
      SEEN,
      'p',
    );
    expect(limits).toEqual([]);
  });

  it.each([
    [[{ metric: 7 }], 'quotaInfos[0].metric is not text'],
    [
      [info('online_prediction_input_tokens_per_minute_per_base_model', {} as unknown[])],
      'dimensionsInfos is not a list',
    ],
    [
      [
        info('online_prediction_input_tokens_per_minute_per_base_model', [
          dims({ region: 'us-east5', base_model: 'claude-sonnet-4-5' }, '6e4'),
        ]),
      ],
      'details.value is "6e4"',
    ],
  ])('reports an unknown shape as provider_schema: %j', (infos, message) => {
    let caught: unknown;
    try {
      mapQuotaInfos(infos as unknown[], SEEN, 'acme');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AiSpendError);
    expect((caught as AiSpendError).code).toBe('provider_schema');
    expect((caught as AiSpendError).message).toContain(message);
    expect((caught as AiSpendError).message).toContain('project acme');
  });
});
