import { z } from 'zod';
import { suggest } from '../core/suggest.js';
import { attributionSchema, isTemplate, RESERVED_TEAM_NAMES, TEAM_NAME } from './attribution-schema.js';
import { decimalSchema } from './decimal-schema.js';
import { pricesSchema } from './prices-schema.js';
import { scheduleSchema } from './schedule-schema.js';
import { sourcesSchema } from './sources-schema.js';
import { section, strictObject } from './strict-object.js';

const teamName = z
  .string()
  .regex(TEAM_NAME, {
    error: (issue) =>
      `expected a team name as a lowercase slug ([a-z0-9][a-z0-9-_]*), got ${JSON.stringify(issue.input)}`,
  })
  .refine((name) => !RESERVED_TEAM_NAMES.includes(name), {
    error: (issue) =>
      `"${issue.input}" is reserved (${RESERVED_TEAM_NAMES.join(', ')}); choose another team name`,
  });

const teamSchema = strictObject({
  slack_channel: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Slack channel id for this team's alerts." }),
  teams_channel: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Microsoft Teams channel id (19:...@thread.tacv2) for this team's alerts." }),
  managers: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Chat user ids who get the weekly digest by direct message.' }),
  oncall: z.string().min(1).optional().meta({ description: 'User group paged when an alert escalates.' }),
  monthly_budget_usd: decimalSchema()
    .optional()
    .meta({ description: 'Monthly budget in US dollars (number or decimal string).' }),
});

const chatSchema = (platform: string) =>
  section(
    strictObject({
      default_channel: z
        .string()
        .min(1)
        .optional()
        .meta({ description: `${platform} channel for alerts that no team owns.` }),
    }),
  );

const alertsSchema = strictObject({
  quota_percent: z
    .array(z.number().gt(0).max(100))
    .default([80, 95])
    .meta({ description: 'Quota usage thresholds in percent that raise an alert. Default: [80, 95].' }),
  escalate_after_minutes: z.int().min(1).default(30).meta({
    description: 'Minutes an open alert waits for acknowledgement before paging oncall. Default: 30.',
  }),
  spike: section(
    strictObject({
      min_usd: decimalSchema()
        .prefault(50)
        .meta({ description: 'Ignore spikes smaller than this many US dollars per day. Default: 50.' }),
      min_ratio: z
        .number()
        .gt(1)
        .default(1.5)
        .meta({ description: 'Spend must exceed the baseline by this factor to be a spike. Default: 1.5.' }),
    }),
  ),
});

/** The whole `ai-spend.yml`, snake_case as written. Unknown keys are errors. */
export const configSchema = strictObject({
  teams: section(
    z.record(
      teamName,
      z.preprocess((value) => value ?? {}, teamSchema),
    ),
  ).meta({
    title: 'Teams',
    description: 'ai-spend teams by name (lowercase slug): where their alerts go, who manages them, budgets.',
  }),
  attribution: attributionSchema,
  sources: section(sourcesSchema).meta({
    title: 'Sources',
    description: 'Providers to read. An entry switches a source on; credentials stay in the environment.',
  }),
  slack: chatSchema('Slack').meta({ title: 'Slack' }),
  msteams: chatSchema('Microsoft Teams').meta({ title: 'Microsoft Teams' }),
  alerts: section(alertsSchema).meta({ title: 'Alerts', description: 'Thresholds of the detection rules.' }),
  schedule: section(scheduleSchema).meta({
    title: 'Schedule',
    description: 'When collection and digests run.',
  }),
  admins: z
    .array(z.string().min(1))
    .default([])
    .meta({ title: 'Admins', description: 'Chat user ids allowed to change budgets and rules from chat.' }),
  visibility: z.enum(['open', 'team']).default('open').meta({
    title: 'Visibility',
    description: 'open: everyone sees every team; team: people see their own teams only. Default: open.',
  }),
  prices: section(pricesSchema).meta({
    title: 'Prices',
    description: 'Negotiated rates and prices the built-in catalog lacks.',
  }),
}).superRefine(checkRuleTeams, { when: () => true });

/** The file as written (before defaults). */
export type ConfigInput = z.input<typeof configSchema>;
/** The file after validation and defaults, still snake_case. */
export type ConfigOutput = z.output<typeof configSchema>;

// Runs even when other sections failed, so a bad timezone does not hide an unknown team.
function checkRuleTeams(config: unknown, ctx: z.RefinementCtx): void {
  if (typeof config !== 'object' || config === null) return;
  const { teams, attribution } = config as { teams?: unknown; attribution?: unknown };
  if (typeof teams !== 'object' || teams === null || !Array.isArray(attribution)) return;
  const known = Object.keys(teams);
  if (known.length === 0) return;
  attribution.forEach((rule: unknown, index) => {
    const team = (rule as { team?: unknown } | null)?.team;
    if (typeof team !== 'string' || isTemplate(team) || known.includes(team)) return;
    if (RESERVED_TEAM_NAMES.includes(team) || !TEAM_NAME.test(team)) return;
    const close = suggest(team, known);
    const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
    ctx.addIssue({
      code: 'custom',
      message: `rule ${index} sends spend to unknown team "${team}"${hint}; teams: ${known.join(', ')}`,
      path: ['attribution', index, 'team'],
    });
  });
}
