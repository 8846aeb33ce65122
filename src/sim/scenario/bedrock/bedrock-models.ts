import { AiSpendError } from '../../../core/errors.js';
import { BEDROCK_MODEL_IDS, type BedrockRegion } from './bedrock-ids.js';

/** The four token kinds Bedrock meters and bills separately. */
export type BedrockTokenKind = 'input' | 'output' | 'cacheRead' | 'cacheWrite';

/**
 * Bedrock on-demand list prices in integer micro-USD per million tokens ($3.30/MTok is 3_300_000);
 * `null` where the model has no such token kind (no prompt caching).
 */
export interface BedrockRates {
  input: number;
  cacheWrite: number | null;
  cacheRead: number | null;
  output: number;
}

/** How one model (or the system profile an application profile copies) is metered, limited and billed. */
export interface BedrockModel {
  /** The model as Service Quotas names it: "Anthropic Claude Haiku 4.5". */
  quotaModelName: string;
  /** Cost Explorer `SERVICE`: Claude is sold through AWS Marketplace, one service per model. */
  service: string;
  billingEntity: 'AWS' | 'AWS Marketplace';
  /** Quota tokens one output token burns (`EstimatedTPMQuotaUsage`): 5 for Claude 4.x, 1 otherwise. */
  outputBurndown: number;
  rates: BedrockRates;
  /** Cost Explorer `USAGE_TYPE` of one token kind in one region. */
  usageType(region: BedrockRegion, kind: BedrockTokenKind): string;
}

const REGION_PREFIX: Record<BedrockRegion, string> = { 'us-east-1': 'USE1', 'us-west-2': 'USW2' };

const MARKETPLACE_KIND: Record<BedrockTokenKind, string> = {
  input: 'InputTokenCount',
  output: 'OutputTokenCount',
  cacheRead: 'CacheReadInputTokenCount',
  cacheWrite: 'CacheWriteInputTokenCount',
};

const FIRST_PARTY_KIND: Record<BedrockTokenKind, string> = {
  input: 'input-tokens',
  output: 'output-tokens',
  cacheRead: 'cache-read-input-token-count',
  cacheWrite: 'cache-write-input-token-count',
};

/** `USE1-MP:USE1_InputTokenCount-Units`; global profiles bill under their own `…_Global-Units` types. */
function marketplaceUsageType(scope: 'regional' | 'global') {
  const suffix = scope === 'global' ? '_Global' : '';
  return (region: BedrockRegion, kind: BedrockTokenKind) => {
    const prefix = REGION_PREFIX[region];
    return `${prefix}-MP:${prefix}_${MARKETPLACE_KIND[kind]}${suffix}-Units`;
  };
}

/** `USE1-Nova-Pro-input-tokens`. */
function firstPartyUsageType(stem: string) {
  return (region: BedrockRegion, kind: BedrockTokenKind) =>
    `${REGION_PREFIX[region]}-${stem}-${FIRST_PARTY_KIND[kind]}`;
}

const SONNET_4_5 = {
  quotaModelName: 'Anthropic Claude Sonnet 4.5',
  service: 'Claude Sonnet 4.5 (Amazon Bedrock Edition)',
  billingEntity: 'AWS Marketplace',
  outputBurndown: 5,
} as const;

/**
 * The models of the scenario by the id whose price applies (the base model or system profile an
 * application profile copies). Geo (`us.`) and in-region Sonnet 4.5 cost 10% more than `global.`.
 */
export const BEDROCK_MODELS: Readonly<Record<string, BedrockModel>> = {
  [BEDROCK_MODEL_IDS.SONNET_US]: {
    ...SONNET_4_5,
    rates: { input: 3_300_000, cacheWrite: 4_125_000, cacheRead: 330_000, output: 16_500_000 },
    usageType: marketplaceUsageType('regional'),
  },
  [BEDROCK_MODEL_IDS.SONNET_GLOBAL]: {
    ...SONNET_4_5,
    rates: { input: 3_000_000, cacheWrite: 3_750_000, cacheRead: 300_000, output: 15_000_000 },
    usageType: marketplaceUsageType('global'),
  },
  [BEDROCK_MODEL_IDS.HAIKU_US]: {
    quotaModelName: 'Anthropic Claude Haiku 4.5',
    service: 'Claude Haiku 4.5 (Amazon Bedrock Edition)',
    billingEntity: 'AWS Marketplace',
    outputBurndown: 5,
    rates: { input: 1_100_000, cacheWrite: 1_375_000, cacheRead: 110_000, output: 5_500_000 },
    usageType: marketplaceUsageType('regional'),
  },
  [BEDROCK_MODEL_IDS.CLAUDE_3_HAIKU]: {
    quotaModelName: 'Anthropic Claude 3 Haiku',
    service: 'Claude 3 Haiku (Amazon Bedrock Edition)',
    billingEntity: 'AWS Marketplace',
    outputBurndown: 1,
    rates: { input: 250_000, cacheWrite: null, cacheRead: null, output: 1_250_000 },
    usageType: marketplaceUsageType('regional'),
  },
  [BEDROCK_MODEL_IDS.NOVA_PRO_US]: {
    quotaModelName: 'Amazon Nova Pro',
    service: 'Amazon Bedrock',
    billingEntity: 'AWS',
    outputBurndown: 1,
    rates: { input: 800_000, cacheWrite: null, cacheRead: 200_000, output: 3_200_000 },
    usageType: firstPartyUsageType('Nova-Pro'),
  },
  [BEDROCK_MODEL_IDS.LLAMA_70B]: {
    quotaModelName: 'Meta Llama 3.3 70B Instruct',
    service: 'Amazon Bedrock',
    billingEntity: 'AWS',
    outputBurndown: 1,
    rates: { input: 720_000, cacheWrite: null, cacheRead: null, output: 720_000 },
    usageType: firstPartyUsageType('Llama3-3-70B'),
  },
};

/** The catalogue entry of a base model or system profile id. */
export function bedrockModel(sourceId: string): BedrockModel {
  const model = BEDROCK_MODELS[sourceId];
  if (!model) throw new AiSpendError('input_invalid', `no scenario Bedrock model ${sourceId}`);
  return model;
}

/** Which quota family an id draws on: none → on-demand, `us.`/`eu.`/… → cross-Region, `global.` → global. */
export function quotaScope(sourceId: string): 'On-demand' | 'Cross-Region' | 'Global cross-Region' {
  if (sourceId.startsWith('global.')) return 'Global cross-Region';
  if (/^(us|eu|apac|jp|au|ca|us-gov)\./.test(sourceId)) return 'Cross-Region';
  return 'On-demand';
}

/** "Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5", as AWS words it. */
export function perMinuteQuotaName(sourceId: string, unit: 'tokens' | 'requests'): string {
  return `${quotaScope(sourceId)} InvokeModel ${unit} per minute for ${bedrockModel(sourceId).quotaModelName}`;
}
