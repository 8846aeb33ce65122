import { startAnthropicSimulator } from './anthropic/server.js';
import { startBedrockControlSimulator } from './aws/bedrock-control/server.js';
import { startCloudWatchSimulator } from './aws/cloudwatch/server.js';
import { startCostExplorerSimulator } from './aws/cost-explorer/server.js';
import { startServiceQuotasSimulator } from './aws/service-quotas/server.js';
import { startAzureSim } from './azure/server.js';
import { startBigQuerySim } from './google/bigquery/server.js';
import { startMonitoringSim } from './google/monitoring/server.js';
import { startOpenAiSimulator } from './openai/server.js';
import type { Scenario } from './scenario-types.js';

export type Simulators = Awaited<ReturnType<typeof startSimulators>>;

/**
 * Starts every provider simulator on loopback for one scenario, and the environment that points
 * ai-spend at them (keys and static AWS credentials the simulators accept). `now` is the
 * simulators' clock, UTC epoch seconds.
 */
export async function startSimulators(scenario: Scenario, { now }: { now: () => number }) {
  const bedrock = scenario.bedrock;
  const anthropic = await startAnthropicSimulator({ scenario });
  const openai = await startOpenAiSimulator({ scenario, now });
  const aws = bedrock
    ? {
        cloudwatch: await startCloudWatchSimulator({ scenario: bedrock, now }),
        serviceQuotas: await startServiceQuotasSimulator({ scenario: bedrock, accountId: bedrock.accountId }),
        bedrockControl: await startBedrockControlSimulator({ scenario: bedrock }),
        costExplorer: await startCostExplorerSimulator({
          scenario: bedrock,
          now,
          accountId: bedrock.accountId,
        }),
      }
    : undefined;
  const google = scenario.vertex
    ? {
        bigquery: await startBigQuerySim(scenario.vertex.billingRows, { now, pendingPolls: () => 0 }),
        monitoring: await startMonitoringSim({ now }),
      }
    : undefined;
  const azure = scenario.azure ? await startAzureSim({ now }) : undefined;
  const env: Record<string, string> = {
    ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-sim',
    ANTHROPIC_BASE_URL: anthropic.url,
    OPENAI_ADMIN_KEY: 'sk-admin-sim',
    OPENAI_BASE_URL: openai.url,
    ...(aws
      ? {
          AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
          AWS_SECRET_ACCESS_KEY: 'simulator-secret',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_CLOUDWATCH: aws.cloudwatch.url,
          AWS_ENDPOINT_URL_SERVICE_QUOTAS: aws.serviceQuotas.url,
          AWS_ENDPOINT_URL_BEDROCK: aws.bedrockControl.url,
          AWS_ENDPOINT_URL_COST_EXPLORER: aws.costExplorer.url,
        }
      : {}),
    ...(google
      ? {
          GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.simulator',
          GOOGLE_CLOUD_PROJECT: 'acme-finops',
          AI_SPEND_BIGQUERY_URL: google.bigquery.url,
          AI_SPEND_MONITORING_URL: google.monitoring.url,
          AI_SPEND_CLOUD_QUOTAS_URL: google.monitoring.url,
        }
      : {}),
    ...(azure ? { AZURE_ACCESS_TOKEN: 'eyJ.simulator', AI_SPEND_AZURE_URL: azure.url } : {}),
  };
  return {
    anthropic,
    openai,
    aws,
    env,
    close: async () => {
      await Promise.all([
        anthropic.close(),
        openai.close(),
        ...Object.values(aws ?? {}).map((sim) => sim.close()),
        ...Object.values(google ?? {}).map((sim) => sim.close()),
        ...(azure ? [azure.close()] : []),
      ]);
    },
  };
}
