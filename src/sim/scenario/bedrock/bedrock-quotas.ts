import type { BedrockQuota } from '../../scenario-types.js';
import { hashSeed } from '../rng.js';
import { BEDROCK_MODEL_IDS, type BedrockRegion } from './bedrock-ids.js';
import { bedrockModel, perMinuteQuotaName } from './bedrock-models.js';

const { SONNET_US, SONNET_GLOBAL, HAIKU_US, CLAUDE_3_HAIKU, NOVA_PRO_US, LLAMA_70B } = BEDROCK_MODEL_IDS;

/** A quota code as AWS prints them: `L-` and 8 uppercase hex digits, the same in every region. */
export function quotaCode(quotaName: string): string {
  return `L-${hashSeed('bedrock-quota', quotaName).toString(16).toUpperCase().padStart(8, '0')}`;
}

interface QuotaSpec {
  name: string;
  value: number;
  applied: boolean;
}

function perMinute(sourceId: string, tokensPerMinute: number, requestsPerMinute: number, applied: boolean) {
  return [
    { name: perMinuteQuotaName(sourceId, 'tokens'), value: tokensPerMinute, applied },
    { name: perMinuteQuotaName(sourceId, 'requests'), value: requestsPerMinute, applied },
  ];
}

function perDay(sourceId: string, tokensPerMinute: number, applied: boolean): QuotaSpec {
  const name = `Model invocation max tokens per day for ${bedrockModel(sourceId).quotaModelName}`;
  // AWS sets the daily cap to a day of the per-minute quota.
  return { name, value: tokensPerMinute * 1_440, applied };
}

const UNRELATED: QuotaSpec[] = [
  { name: 'Agents per account', value: 200, applied: false },
  { name: 'Batch inference job size (in GB)', value: 5, applied: false },
];

/**
 * What Service Quotas lists for Bedrock in each region: per-minute token and request quotas of the
 * models the demo calls (in AWS's wording by scope), daily caps and a couple of unrelated quotas.
 * `hotQuotaValue` is the raised Claude Haiku 4.5 cross-Region TPM quota of us-east-1.
 */
export function bedrockQuotas(hotQuotaValue: number): BedrockQuota[] {
  const byRegion: Record<BedrockRegion, QuotaSpec[]> = {
    'us-east-1': [
      ...perMinute(HAIKU_US, hotQuotaValue, 4_000, true),
      perDay(HAIKU_US, hotQuotaValue, true),
      ...perMinute(SONNET_US, 1_000_000, 1_000, false),
      ...perMinute(SONNET_GLOBAL, 2_000_000, 2_000, false),
      perDay(SONNET_US, 2_000_000, false),
      ...perMinute(CLAUDE_3_HAIKU, 2_000_000, 1_000, false),
      ...perMinute(NOVA_PRO_US, 2_000_000, 500, false),
      ...UNRELATED,
    ],
    'us-west-2': [
      ...perMinute(HAIKU_US, 1_000_000, 2_000, false),
      ...perMinute(LLAMA_70B, 300_000, 800, false),
      perDay(LLAMA_70B, 300_000, false),
      ...UNRELATED,
    ],
  };
  return Object.entries(byRegion).flatMap(([region, specs]) =>
    specs.map(({ name, value, applied }) => ({
      region,
      quotaCode: quotaCode(name),
      quotaName: name,
      value,
      applied,
    })),
  );
}
