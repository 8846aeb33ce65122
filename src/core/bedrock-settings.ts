/** How ai-spend reads Amazon Bedrock (`sources.bedrock` in ai-spend.yml), as the collector uses it. */
export interface BedrockSettings {
  regions: string[];
  /** Activated AWS cost allocation tags, e.g. `team`, `feature`; the first groups Cost Explorer spend and scopes the split. */
  costAllocationTags: string[];
  costMetric: 'UnblendedCost' | 'AmortizedCost' | 'NetUnblendedCost' | 'NetAmortizedCost';
  /** At most one Cost Explorer pass per this many hours (each request costs $0.01). */
  costPollHours: number;
  costRepollDays: number;
  backfillDays: number;
  usageRepollHours: number;
  metricsLookbackMinutes: number;
  metricsBackfillDays: number;
  quotaRefreshHours: number;
  accountId?: string;
  /** Application inference profiles by ARN: the model they copy and their tags; they win over the control plane. */
  inferenceProfiles: Record<string, { model: string; tags: Record<string, string> }>;
}
