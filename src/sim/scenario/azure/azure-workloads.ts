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
  /** Provisioned (PTU) deployments emit Time to Response and utilisation; Standard ones do not. */
  provisioned: boolean;
  /** Typical time to first token, ms. */
  ttftMs: number;
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
    provisioned: true,
    ttftMs: 420,
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
    provisioned: false,
    ttftMs: 260,
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
    provisioned: false,
    ttftMs: 380,
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

/** One minute of one deployment: calls by status, first-response latency, PTU utilisation. */
export interface AzureMinute {
  /** Calls answered with 200 and throttled with 429. */
  ok: number;
  throttled: number;
  /** Average ms to the first byte; absent in a minute without calls. */
  ttftMs?: number;
  /** Percent of the provisioned throughput used; only for provisioned deployments. */
  utilizationPercent?: number;
}

/**
 * Deterministic per-minute signals of `workload`: the hour's requests spread over its minutes, a
 * lone 429 every 97 minutes on provisioned deployments (when that minute has calls), latency and
 * utilisation swinging gently.
 */
export function azureMinute(workload: AzureWorkload, minuteStart: number): AzureMinute {
  const hourStart = minuteStart - (minuteStart % 3_600);
  const { requests } = azureHour(workload, hourStart);
  const m = Math.floor((minuteStart % 3_600) / 60);
  const calls = Math.floor(requests / 60) + (m < requests % 60 ? 1 : 0);
  const minute = Math.floor(minuteStart / 60);
  const throttled = workload.provisioned && minute % 97 === 0 ? 1 : 0;
  // Provisioned capacity reports its utilisation every minute, calls or not.
  const utilization = workload.provisioned ? { utilizationPercent: 40 + ((minute * 13) % 30) } : {};
  if (calls === 0) return { ok: 0, throttled: 0, ...utilization };
  return {
    ok: calls - Math.min(calls, throttled),
    throttled: Math.min(calls, throttled),
    ttftMs: workload.ttftMs + ((minute * 31) % 41) - 20,
    ...utilization,
  };
}
