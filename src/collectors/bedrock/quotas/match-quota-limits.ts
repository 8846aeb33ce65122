import type { QuotaLimit } from '../../../core/facts.js';
import { inferenceTypeOf } from '../../../core/inference-type.js';
import { parseQuotaName } from './parse-quota-name.js';
import { modelIdKey, quotaModelKey } from './quota-model-key.js';

/** A Bedrock quota with its effective value: applied when one exists, else the AWS default. */
export interface BedrockQuotaValue {
  quotaCode: string;
  quotaName: string;
  value: number;
  applied: boolean;
}

export interface MatchQuotaLimitsOptions {
  region: string;
  /** ModelIds as CloudWatch reports them in `region`. */
  modelIds: readonly string[];
  /** The id an application profile copies; other ids map to themselves. */
  resolveModelId: (modelId: string) => string;
  quotas: readonly BedrockQuotaValue[];
}

const UNITS: readonly QuotaLimit['unit'][] = ['tokens_per_minute', 'requests_per_minute'];

/**
 * One limit per (ModelId, unit) that has a quota of the right scope for the model it runs on;
 * `model` stays the ModelId as seen, so an application profile gets its source model's quota.
 * When two quotas fit (old and new wording), an applied one wins, then the lower quota code.
 */
export function matchQuotaLimits({
  region,
  modelIds,
  resolveModelId,
  quotas,
}: MatchQuotaLimitsOptions): QuotaLimit[] {
  const byKey = new Map<string, BedrockQuotaValue>();
  for (const quota of quotas) {
    const parsed = parseQuotaName(quota.quotaName);
    if (parsed === undefined) continue;
    const key = `${parsed.inferenceType}|${parsed.unit}|${quotaModelKey(parsed.modelName)}`;
    const held = byKey.get(key);
    if (held === undefined || preferred(quota, held)) byKey.set(key, quota);
  }
  const limits: QuotaLimit[] = [];
  for (const modelId of new Set(modelIds)) {
    const source = resolveModelId(modelId);
    const inferenceType = inferenceTypeOf(source);
    const modelKey = modelIdKey(source);
    for (const unit of UNITS) {
      const quota = byKey.get(`${inferenceType}|${unit}|${modelKey}`);
      if (quota === undefined) continue;
      limits.push({
        region,
        model: modelId,
        inferenceType,
        unit,
        value: quota.value,
        origin: 'service_quotas',
        quotaCode: quota.quotaCode,
        quotaName: quota.quotaName,
      });
    }
  }
  return limits;
}

function preferred(candidate: BedrockQuotaValue, held: BedrockQuotaValue): boolean {
  if (candidate.applied !== held.applied) return candidate.applied;
  return candidate.quotaCode < held.quotaCode;
}
