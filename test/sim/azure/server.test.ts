import { afterEach, describe, expect, it } from 'vitest';
import { type AzureSim, startAzureSim } from '../../../src/sim/azure/server.js';
import {
  AZURE_SUBSCRIPTION,
  AZURE_WORKLOADS,
  azureHour,
} from '../../../src/sim/scenario/azure/azure-workloads.js';

const NOW = Date.UTC(2026, 10, 3, 12) / 1000;
const AUTH = { authorization: 'Bearer t', 'content-type': 'application/json' };
const BODY = {
  type: 'ActualCost',
  timeframe: 'Custom',
  timePeriod: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T23:59:59Z' },
  dataset: {
    granularity: 'Daily',
    aggregation: { Cost: { name: 'Cost', function: 'Sum' } },
    grouping: [
      { type: 'Dimension', name: 'ResourceId' },
      { type: 'Dimension', name: 'Meter' },
    ],
  },
};
const GROWTH = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-growth/providers/Microsoft.CognitiveServices/accounts/aoai-growth`;

let sim: AzureSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const query = (url: string, body: unknown = BODY, headers: Record<string, string> = AUTH) =>
  fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });

describe('startAzureSim', () => {
  it('refuses a query without a bearer token with 401', async () => {
    sim = await startAzureSim({ now: NOW });
    const response = await query(
      `${sim.url}/subscriptions/${AZURE_SUBSCRIPTION}/providers/Microsoft.CostManagement/query?api-version=2022-10-01`,
      BODY,
      { 'content-type': 'application/json' },
    );
    expect(response.status).toBe(401);
  });

  it('pages 12 daily rows in 5, 5 and 2 through nextLink, on a double-slash path', async () => {
    sim = await startAzureSim({ now: NOW, pageRows: 5 });
    let url: string | null =
      `${sim.url}//subscriptions/${AZURE_SUBSCRIPTION}/providers/Microsoft.CostManagement/query?api-version=2022-10-01`;
    const sizes: number[] = [];
    let total = 0;
    while (url) {
      const response = await query(url);
      expect(response.status).toBe(200);
      const json = (await response.json()) as { properties: { nextLink: string | null; rows: unknown[][] } };
      sizes.push(json.properties.rows.length);
      for (const row of json.properties.rows) total += Math.round((row[0] as number) * 1e6);
      url = json.properties.nextLink;
    }
    // 2 days × (2 meters of aoai-support + 4 of aoai-growth)
    expect(sizes).toEqual([5, 5, 2]);
    let expected = 0;
    for (const workload of AZURE_WORKLOADS) {
      const input = workload.pricePer1k.input === '0.0025' ? 2_500 : 165;
      const output = workload.pricePer1k.output === '0.01' ? 10_000 : 660;
      for (let hour = Date.UTC(2026, 10, 1) / 1000; hour < Date.UTC(2026, 10, 3) / 1000; hour += 3_600) {
        const traffic = azureHour(workload, hour);
        expected += (traffic.inputTokens / 1_000) * input + (traffic.outputTokens / 1_000) * output;
      }
    }
    expect(total).toBe(expected);
  });

  it('answers 404 for a subscription it does not hold', async () => {
    sim = await startAzureSim({ now: NOW });
    const response = await query(
      `${sim.url}/subscriptions/other/providers/Microsoft.CostManagement/query?api-version=x`,
    );
    expect(response.status).toBe(404);
  });

  it('splits hourly prompt tokens of aoai-growth into its 2 deployments', async () => {
    sim = await startAzureSim({ now: NOW });
    const params = new URLSearchParams({
      'api-version': '2018-01-01',
      timespan: '2026-11-01T00:00:00Z/2026-11-01T02:00:00Z',
      interval: 'PT1H',
      metricnames: 'ProcessedPromptTokens',
      aggregation: 'Total',
      $filter: "ModelDeploymentName eq '*'",
    });
    const response = await fetch(`${sim.url}${GROWTH}/providers/microsoft.insights/metrics?${params}`, {
      headers: AUTH,
    });
    const json = (await response.json()) as {
      resourceregion: string;
      value: Array<{
        timeseries: Array<{ metadatavalues: Array<{ value: string }>; data: Array<{ total: number }> }>;
      }>;
    };
    expect(json.resourceregion).toBe('swedencentral');
    const series = json.value[0]?.timeseries ?? [];
    expect(series.map((entry) => entry.metadatavalues[0]?.value)).toEqual(['growth-mini', 'growth-4o']);
    const mini = AZURE_WORKLOADS.find((workload) => workload.deployment === 'growth-mini');
    if (!mini) throw new Error('no growth-mini');
    expect(series[0]?.data.map((point) => point.total)).toEqual([
      azureHour(mini, Date.UTC(2026, 10, 1) / 1000).inputTokens,
      azureHour(mini, Date.UTC(2026, 10, 1, 1) / 1000).inputTokens,
    ]);
  });

  it('answers 400 for a metric it does not know', async () => {
    sim = await startAzureSim({ now: NOW });
    const params = new URLSearchParams({
      'api-version': '2018-01-01',
      timespan: '2026-11-01T00:00:00Z/2026-11-01T01:00:00Z',
      interval: 'PT1H',
      metricnames: 'Latency',
      aggregation: 'Total',
    });
    const response = await fetch(`${sim.url}${GROWTH}/providers/microsoft.insights/metrics?${params}`, {
      headers: AUTH,
    });
    expect(response.status).toBe(400);
  });
});
