/** One Azure OpenAI model deployment of a Cognitive Services account, with the account's tags. */
export interface AzureWorkload {
  subscriptionId: string;
  resourceGroup: string;
  /** Cognitive Services account name. */
  account: string;
  region: string;
  deployment: string;
  /** `ModelName` as Azure Monitor reports it. */
  model: string;
  /** The model as Cost Management meters name it (`gpt-4o-mini-0718`). */
  meterModel: string;
  /** Resource tags of the account. */
  tags: Readonly<Record<string, string>>;
  /** List prices, USD per 1,000 tokens, as exact decimal text (global standard deployments). */
  pricePer1k: { input: string; output: string };
  /** Thousands of tokens per hour at the workload's base level. */
  baseKiloTokens: { input: number; output: number };
  baseRequests: number;
}

export const AZURE_SUBSCRIPTION = '00000000-0000-0000-0000-00000000a2e0';

/** Two accounts, three deployments: support runs gpt-4o, growth runs gpt-4o-mini and a gpt-4o. */
export const AZURE_WORKLOADS: readonly AzureWorkload[] = [
  {
    subscriptionId: AZURE_SUBSCRIPTION,
    resourceGroup: 'rg-support',
    account: 'aoai-support',
    region: 'eastus',
    deployment: 'support-gpt4o',
    model: 'gpt-4o',
    meterModel: 'gpt-4o-0806',
    tags: { team: 'support', feature: 'support-bot' },
    pricePer1k: { input: '0.0025', output: '0.01' },
    baseKiloTokens: { input: 40, output: 9 },
    baseRequests: 30,
  },
  {
    subscriptionId: AZURE_SUBSCRIPTION,
    resourceGroup: 'rg-growth',
    account: 'aoai-growth',
    region: 'swedencentral',
    deployment: 'growth-mini',
    model: 'gpt-4o-mini',
    meterModel: 'gpt-4o-mini-0718',
    tags: { team: 'growth', feature: 'onboarding' },
    pricePer1k: { input: '0.000165', output: '0.00066' },
    baseKiloTokens: { input: 120, output: 30 },
    baseRequests: 90,
  },
  {
    subscriptionId: AZURE_SUBSCRIPTION,
    resourceGroup: 'rg-growth',
    account: 'aoai-growth',
    region: 'swedencentral',
    deployment: 'growth-4o',
    model: 'gpt-4o',
    meterModel: 'gpt-4o-0806',
    tags: { team: 'growth', feature: 'onboarding' },
    pricePer1k: { input: '0.0025', output: '0.01' },
    baseKiloTokens: { input: 15, output: 4 },
    baseRequests: 12,
  },
];

/** The ARM id of a workload's account, lower-cased as Cost Management returns it. */
export function azureAccountId(workload: AzureWorkload): string {
  return `/subscriptions/${workload.subscriptionId}/resourcegroups/${workload.resourceGroup}/providers/microsoft.cognitiveservices/accounts/${workload.account}`.toLowerCase();
}

/** One hour of one deployment: whole thousands of tokens, so every cost is an exact micro-dollar. */
export interface AzureHour {
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** Deterministic traffic of `workload` in the hour starting at `hourStart` (UTC epoch seconds). */
export function azureHour(workload: AzureWorkload, hourStart: number): AzureHour {
  const hour = Math.floor(hourStart / 3_600);
  const seed = workload.deployment.length;
  const swing = (hour * 7 + seed) % 13;
  return {
    inputTokens: 1_000 * (workload.baseKiloTokens.input + swing),
    outputTokens: 1_000 * (workload.baseKiloTokens.output + ((hour * 3 + seed) % 7)),
    requests: workload.baseRequests + (hour % 5),
  };
}
