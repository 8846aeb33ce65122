import { AiSpendError } from '../../../core/errors.js';
import type { QuotaLimit } from '../../../core/facts.js';

/** Vertex AI quota metrics that cap input tokens per minute per base model (regional, global, multi-region). */
const INPUT_TPM =
  /(^|\/)([a-z0-9]+_multi_region_|global_)?(online_prediction|generate_content)_input_tokens_per_minute_per_base_model$/;

/** A model seen in a location, as metric points and usage facts name it (`claude-sonnet-4-5@20250929`). */
export interface SeenModel {
  location: string;
  model: string;
}

/**
 * The input-tokens-per-minute quotas of the models seen, from a project's Cloud Quotas
 * `QuotaInfo`s. A quota's `base_model` (`claude-sonnet-4-5`, or a lineage such as
 * `anthropic-claude-sonnet`) applies to every seen version of that model in the quota's region
 * (`region` dimension, else its applicable locations; `global` for the global endpoint); the most
 * specific base model wins. Limits are written against the model ids the metrics use, so usage and
 * owners join. Throws `AiSpendError` (`provider_schema`) on an unknown shape.
 */
export function mapQuotaInfos(
  infos: readonly unknown[],
  seen: readonly SeenModel[],
  project: string,
): QuotaLimit[] {
  const best = new Map<string, { specificity: number; limit: QuotaLimit }>();
  infos.forEach((raw, index) => {
    const info = raw as Record<string, unknown>;
    const metric = info?.metric;
    if (typeof metric !== 'string') throw schemaError(project, `quotaInfos[${index}].metric`, 'is not text');
    if (!INPUT_TPM.test(metric)) return;
    const dimensionsInfos = info.dimensionsInfos ?? [];
    if (!Array.isArray(dimensionsInfos)) {
      throw schemaError(project, `quotaInfos[${index}].dimensionsInfos`, 'is not a list');
    }
    dimensionsInfos.forEach((entry: Record<string, unknown>, d: number) => {
      const path = `quotaInfos[${index}].dimensionsInfos[${d}]`;
      const dimensions = (entry?.dimensions ?? {}) as Record<string, unknown>;
      const baseModel = typeof dimensions.base_model === 'string' ? dimensions.base_model : undefined;
      if (baseModel === undefined) return;
      const value = int64(
        (entry.details as { value?: unknown } | undefined)?.value,
        `${path}.details.value`,
        project,
      );
      if (value === undefined) return;
      const locations =
        typeof dimensions.region === 'string'
          ? [dimensions.region]
          : Array.isArray(entry.applicableLocations)
            ? entry.applicableLocations.filter((location): location is string => typeof location === 'string')
            : [];
      const base = bareModel(baseModel);
      for (const { location, model } of seen) {
        if (!locations.includes(location)) continue;
        const version = bareModel(model);
        if (version !== base && !version.startsWith(`${base}-`)) continue;
        const key = `${location}|${model}`;
        const known = best.get(key);
        if (known !== undefined && known.specificity >= base.length) continue;
        best.set(key, {
          specificity: base.length,
          limit: {
            region: location,
            model,
            inferenceType: location === 'global' ? 'global' : 'on_demand',
            unit: 'tokens_per_minute',
            value,
            origin: 'service_quotas',
            quotaCode: String(info.quotaId ?? metric),
            quotaName: `Vertex AI input tokens per minute for ${baseModel}`,
          },
        });
      }
    });
  });
  return [...best.values()].map((entry) => entry.limit);
}

/** `claude-sonnet-4-5` from `claude-sonnet-4-5@20250929`, `anthropic-claude-sonnet`, `publishers/google/models/gemini-2.5-pro`. */
function bareModel(id: string): string {
  return id
    .toLowerCase()
    .replace(/^.*\/models\//, '')
    .replace(/@.*$/, '')
    .replace(/^(anthropic|google|meta|mistralai|mistral-ai)-/, '');
}

/** A quota value (int64 as a number, decimal text or a protobuf Long); `undefined` for -1 (unlimited). */
function int64(raw: unknown, path: string, project: string): number | undefined {
  const text = typeof raw === 'object' && raw !== null ? String(raw) : raw;
  const value = typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : text;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < -1) {
    throw schemaError(project, path, `is ${JSON.stringify(raw)}`);
  }
  return value === -1 ? undefined : value;
}

function schemaError(project: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Cloud Quotas of project ${project}: ${path} ${problem}`, {
    hint: 'the quotaInfos answer has an unknown shape; check that the endpoint is Cloud Quotas (cloudquotas.googleapis.com)',
  });
}
