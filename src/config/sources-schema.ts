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
  cost_allocation_tags: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Activated AWS cost allocation tags to group Cost Explorer spend by.' }),
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
