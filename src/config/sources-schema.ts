import { z } from 'zod';
import { optionalEntry, strictObject } from './strict-object.js';

const enabled = z.boolean().optional().meta({
  description: 'false switches the source off even when its credentials are present. Default: true.',
});

/** Anthropic and OpenAI: admin-key usage and cost reports polled over HTTP. */
export const pollingSourceSchema = strictObject({
  enabled,
  backfill_days: z
    .int()
    .min(1)
    .max(365)
    .default(30)
    .meta({ description: 'Days of history read on the first run (1-365).' }),
  usage_repoll_hours: z
    .int()
    .min(1)
    .max(168)
    .default(6)
    .meta({ description: 'Hours of recent usage re-read on every pass, because providers restate it.' }),
  cost_repoll_days: z
    .int()
    .min(1)
    .max(31)
    .default(2)
    .meta({ description: 'Days of recent cost re-read on every pass, because billed amounts settle late.' }),
});

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const bedrockSchema = strictObject({
  enabled,
  regions: z
    .array(z.string().regex(AWS_REGION, { error: 'expected an AWS region such as us-east-1' }))
    .min(1)
    .meta({ description: 'AWS regions to read CloudWatch metrics and quotas from.' }),
  cost_allocation_tags: z.array(z.string().min(1)).default([]).meta({
    description:
      'Activated AWS cost allocation tags; the first groups Cost Explorer spend (its billing scope), all of them are read from application inference profiles.',
  }),
  cost_metric: z
    .enum(['UnblendedCost', 'AmortizedCost', 'NetUnblendedCost', 'NetAmortizedCost'])
    .default('UnblendedCost')
    .meta({ description: 'The Cost Explorer metric billed amounts are read as.' }),
  cost_poll_hours: z.int().min(1).max(48).default(6).meta({
    description: 'At most one Cost Explorer pass per this many hours: every request costs $0.01.',
  }),
  cost_repoll_days: z
    .int()
    .min(1)
    .max(31)
    .default(3)
    .meta({ description: 'Days of recent cost re-read on every Cost Explorer pass (estimates change).' }),
  backfill_days: z
    .int()
    .min(1)
    .max(365)
    .default(30)
    .meta({ description: 'Days of history read on the first run (CloudWatch keeps hourly data 455 days).' }),
  usage_repoll_hours: z
    .int()
    .min(1)
    .max(168)
    .default(3)
    .meta({ description: 'Hours of hourly token usage re-read from CloudWatch on every pass.' }),
  metrics_lookback_minutes: z.int().min(5).max(1440).default(15).meta({
    description: 'Minutes of per-minute signals (TTFT, quota usage, throttles) re-read on every pass.',
  }),
  metrics_backfill_days: z.int().min(1).max(63).default(1).meta({
    description: 'Days of signals read on the first run: minutes for the last day, 5-minute points before.',
  }),
  quota_refresh_hours: z
    .int()
    .min(1)
    .max(168)
    .default(24)
    .meta({ description: 'How often Service Quotas are read again.' }),
  account_id: z
    .string()
    .regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' })
    .optional()
    .meta({ description: 'The AWS account the metrics belong to (matchable as account_id).' }),
  inference_profiles: z
    .record(
      z.string().min(1),
      strictObject({
        model: z.string().min(1).meta({ description: 'The model or system profile id the profile copies.' }),
        tags: z.record(z.string().min(1), z.string()).default({}),
      }),
    )
    .default({})
    .meta({
      description:
        'Application inference profiles by ARN, when ai-spend may not call bedrock:ListInferenceProfiles; these win over what the API says.',
    }),
  quotas: z
    .array(
      strictObject({
        region: z.string().regex(AWS_REGION, { error: 'expected an AWS region such as us-east-1' }),
        model: z.string().min(1).meta({ description: 'The ModelId as CloudWatch reports it.' }),
        tokens_per_minute: z.int().positive().optional(),
        requests_per_minute: z.int().positive().optional(),
      }),
    )
    .default([])
    .meta({ description: 'Quota values that override Service Quotas (e.g. a raise not yet visible).' }),
});

const vertexSchema = strictObject({
  enabled,
  billing_table: z
    .string()
    .regex(/^[^.\s]+\.[^.\s]+\.[^.\s]+$/, { error: 'expected a BigQuery table as project.dataset.table' })
    .meta({ description: 'BigQuery table of the detailed Cloud Billing export (project.dataset.table).' }),
  projects: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Google Cloud projects to read Vertex AI metrics from.' }),
  restate_days: z.int().min(0).max(30).default(3).meta({
    description: 'Days of billing export re-read on every pass: Google restates recent days. Default: 3.',
  }),
  backfill_days: z.int().min(1).max(400).default(30).meta({
    description: 'Days of history read on the first pass. Default: 30.',
  }),
});

const azureSchema = strictObject({
  enabled,
  scopes: z
    .array(
      z.string().startsWith('/', {
        error: 'expected an Azure scope such as "/subscriptions/00000000-0000-0000-0000-000000000000"',
      }),
    )
    .min(1)
    .meta({
      description: 'Azure Cost Management scopes (subscriptions, resource groups, billing accounts).',
    }),
  backfill_days: z.int().min(1).max(400).default(30).meta({
    description: 'Days of history read on the first pass. Default: 30.',
  }),
  cost_repoll_days: z.int().min(0).max(30).default(3).meta({
    description: 'Days of cost re-read on every pass: Azure settles recent days late. Default: 3.',
  }),
  tag_keys: z.array(z.string().min(1)).default(['team', 'feature']).meta({
    description: 'Resource tags read with the cost (for `tag.<key>` rules). Default: [team, feature].',
  }),
});

/** `sources:` — an entry switches a source on; credentials come from the environment only. */
export const sourcesSchema = strictObject({
  anthropic: optionalEntry(pollingSourceSchema).meta({
    description: 'Anthropic Admin API usage and cost reports. Key: ANTHROPIC_ADMIN_API_KEY.',
  }),
  openai: optionalEntry(pollingSourceSchema).meta({
    description: 'OpenAI organization usage and costs. Key: OPENAI_ADMIN_KEY.',
  }),
  bedrock: optionalEntry(bedrockSchema).meta({
    description: 'Amazon Bedrock via CloudWatch, Cost Explorer and Service Quotas (AWS default credentials).',
  }),
  vertex: optionalEntry(vertexSchema).meta({
    description:
      'Google Vertex AI via Cloud Monitoring and the billing export (application default credentials).',
  }),
  azure: optionalEntry(azureSchema).meta({
    description: 'Azure OpenAI / AI Foundry via Azure Monitor and Cost Management (AZURE_* credentials).',
  }),
});
