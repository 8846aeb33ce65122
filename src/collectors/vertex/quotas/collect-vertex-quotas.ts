import type { CloudQuotasClient } from '@google-cloud/cloudquotas';
import type { MetricServiceClient } from '@google-cloud/monitoring';
import { AiSpendError } from '../../../core/errors.js';
import { type QuotaLimit, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../../core/facts.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { classifyMonitoringError, type GoogleApi } from '../monitoring/classify-monitoring-error.js';
import { listPublisherSeries } from '../monitoring/list-publisher-series.js';
import { seriesModel } from '../monitoring/series-points.js';
import { mapQuotaInfos, type SeenModel } from './map-quota-infos.js';

/** The stream whose cursor records the last quota refresh. */
export const QUOTAS_STREAM = 'quota-limits';
const CLOUD_QUOTAS: GoogleApi = {
  name: 'Cloud Quotas',
  host: 'cloudquotas.googleapis.com',
  role: 'roles/cloudquotas.viewer',
};
const MAX_PAGES = 100;

export interface VertexQuotasContext {
  quotas: CloudQuotasClient;
  monitoring: MetricServiceClient;
  projects: readonly string[];
  pageSize?: number;
}

/**
 * Refreshes, at most hourly, the input-tokens-per-minute quotas of the models each project called
 * in the last day: limits from the Cloud Quotas API, written per region against the model ids the
 * metric points use (limits of one model in one region are summed over the projects, as the usage
 * points are). `undefined` when the last refresh is recent. Throws `AiSpendError`.
 */
export async function collectVertexQuotas(
  { quotas, monitoring, projects, pageSize = 500 }: VertexQuotasContext,
  { now, sink, since }: CollectRequest,
): Promise<StreamSummary | undefined> {
  const last = sink.cursor('vertex', QUOTAS_STREAM);
  if (since === undefined && last !== undefined && now - last < SECONDS_PER_HOUR) return undefined;
  const byKey = new Map<string, QuotaLimit>();
  let pages = 0;
  for (const project of projects) {
    const seen = await seenModels(monitoring, project, now, pageSize);
    if (seen.length === 0) continue;
    const infos: unknown[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const request = {
        parent: `projects/${project}/locations/global/services/aiplatform.googleapis.com`,
        pageSize,
        ...(pageToken === undefined ? {} : { pageToken }),
      };
      const [page, , response] = await quotas
        .listQuotaInfos(request, { autoPaginate: false })
        .catch((error) => {
          throw classifyMonitoringError(error, { project, metric: 'quotaInfos', api: CLOUD_QUOTAS });
        });
      pages += 1;
      infos.push(...(page ?? []));
      const next = response?.nextPageToken || undefined;
      if (next === undefined) break;
      if (next === pageToken || pages >= MAX_PAGES) {
        throw new AiSpendError(
          'provider_schema',
          `Cloud Quotas of project ${project}: nextPageToken ${next} does not move forward`,
          {
            hint: 'check that the endpoint is Cloud Quotas (cloudquotas.googleapis.com)',
          },
        );
      }
      pageToken = next;
    }
    for (const limit of mapQuotaInfos(infos, seen, project)) {
      const key = `${limit.region}|${limit.model}`;
      const known = byKey.get(key);
      byKey.set(key, known === undefined ? limit : { ...known, value: known.value + limit.value });
    }
  }
  const byRegion = new Map<string, QuotaLimit[]>();
  for (const limit of byKey.values())
    byRegion.set(limit.region, [...(byRegion.get(limit.region) ?? []), limit]);
  for (const [region, limits] of byRegion) sink.writeQuotas('vertex', region, limits, now);
  sink.writeMetrics('vertex', { stream: QUOTAS_STREAM, points: [], cursor: now });
  return { stream: QUOTAS_STREAM, pages, facts: byKey.size, from: now, to: now };
}

/** The (location, model) pairs with tokens in the project over the last day. */
async function seenModels(
  client: MetricServiceClient,
  project: string,
  now: number,
  pageSize: number,
): Promise<SeenModel[]> {
  const end = now - (now % 60);
  const series = await listPublisherSeries(client, {
    project,
    metric: 'token_count',
    start: end - SECONDS_PER_DAY,
    end,
    alignmentSeconds: SECONDS_PER_DAY,
    groupBy: [],
    pageSize,
  });
  const site = { project, metric: 'token_count' };
  return series.map((entry, index) => {
    const { location, model } = seriesModel(entry, index, site);
    return { location, model };
  });
}
