import type { VertexWorkload } from '../../scenario/vertex/vertex-workloads.js';

const SERVICE = 'aiplatform.googleapis.com';

/**
 * The Cloud Quotas `quotaInfos` of one project as the v1 REST API lists them: the per-base-model
 * input-tokens-per-minute quota of each model the project calls (Claude: `online_prediction_…`
 * with `region` and `base_model` dimensions; Gemini: `generate_content_…`, per base model, with
 * its applicable locations), and one unrelated quota that a reader must skip.
 */
export function quotaInfosOf(workloads: readonly VertexWorkload[], project: string): unknown[] {
  const mine = workloads.filter((workload) => workload.project === project);
  const parent = `projects/${project}/locations/global/services/${SERVICE}`;
  const infos: unknown[] = mine.map((workload) => {
    const baseModel = workload.model.replace(/@.*$/, '');
    const partner = workload.publisher === 'anthropic';
    const quotaId = partner
      ? 'OnlinePredictionInputTokensPerMinutePerProjectPerBaseModel'
      : 'GenerateContentInputTokensPerMinutePerProjectPerBaseModel';
    const metric = partner
      ? `${SERVICE}/online_prediction_input_tokens_per_minute_per_base_model`
      : `${SERVICE}/generate_content_input_tokens_per_minute_per_base_model`;
    return {
      name: `${parent}/quotaInfos/${quotaId}`,
      quotaId,
      metric,
      service: SERVICE,
      isPrecise: true,
      refreshInterval: 'minute',
      containerType: 'PROJECT',
      dimensions: partner ? ['region', 'base_model'] : ['base_model'],
      metricDisplayName: 'Input tokens per minute per base model',
      quotaDisplayName: 'Input tokens per minute per base model per region',
      metricUnit: '1/min/{project}/{base_model}',
      dimensionsInfos: [
        {
          dimensions: partner
            ? { region: workload.region, base_model: `anthropic-${baseModel}` }
            : { base_model: baseModel },
          details: { value: String(workload.inputTpmQuota) },
          applicableLocations: [workload.region],
        },
      ],
      isFixed: false,
      isConcurrent: false,
    };
  });
  infos.push({
    name: `${parent}/quotaInfos/CustomModelTrainingCPUsPerProjectPerRegion`,
    quotaId: 'CustomModelTrainingCPUsPerProjectPerRegion',
    metric: `${SERVICE}/custom_model_training_cpus`,
    service: SERVICE,
    dimensions: ['region'],
    dimensionsInfos: [{ dimensions: {}, details: { value: '24' }, applicableLocations: ['us-central1'] }],
  });
  return infos;
}
