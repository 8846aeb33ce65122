import { z } from 'zod';
import { suggest } from '../core/suggest.js';
import { attributionSchema, isTemplate, RESERVED_TEAM_NAMES, TEAM_NAME } from './attribution-schema.js';
import { decimalSchema } from './decimal-schema.js';
import { daySchema, pricesSchema } from './prices-schema.js';
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
  resolve_after_minutes: z.int().min(1).default(15).meta({
    description: 'Minutes a condition must stay absent before its alert resolves (hysteresis). Default: 15.',
  }),
  expected_quiet_days: z.int().min(1).default(7).meta({
    description: 'Days an alert marked Expected stays quiet, even if it resolves and comes back. Default: 7.',
  }),
  no_data_after_minutes: z.int().min(30).default(360).meta({
    description:
      'A source that has reported no usage for this many minutes raises a no-data alert; its gap is never read as zero spend. Default: 360.',
  }),
  anomaly: section(
    strictObject({
      min_usd_per_hour: decimalSchema()
        .prefault(20)
        .meta({ description: 'Ignore hourly changes smaller than this many US dollars. Default: 20.' }),
      min_usd_per_day: decimalSchema()
        .prefault(50)
        .meta({ description: 'Ignore daily changes smaller than this many US dollars. Default: 50.' }),
      min_ratio: z.number().gt(1).default(1.5).meta({
        description:
          'Spend must be at least this many times its usual (a drop: at most its usual divided by it). Default: 1.5.',
      }),
    }),
  ).meta({ description: 'Cost anomalies: both thresholds must be crossed.' }),
  latency: section(
    strictObject({
      min_ratio: z.number().gt(1).default(1.3).meta({
        description: 'First-token latency must move by at least this factor to be a shift. Default: 1.3.',
      }),
      min_ms: z.number().gt(0).default(150).meta({
        description: 'First-token latency must move by at least this many milliseconds. Default: 150.',
      }),
    }),
  ).meta({ description: 'Latency shifts: both thresholds must be crossed.' }),
  retry_storm: section(
    strictObject({
      min_usd: decimalSchema()
        .prefault(50)
        .meta({ description: 'Ignore retry storms that cost less than this many US dollars. Default: 50.' }),
    }),
  ),
  migration: section(
    strictObject({
      min_share_points: z.number().gt(0).max(100).default(20).meta({
        description:
          "A team's token share must move by at least this many points within a week. Default: 20.",
      }),
      min_usd_per_week: decimalSchema()
        .prefault(100)
        .meta({ description: 'Ignore teams spending less than this many US dollars a week. Default: 100.' }),
    }),
  ),
  holidays: z.array(daySchema).default([]).meta({
    description:
      'UTC days (YYYY-MM-DD) the company expects little spend (public holidays, shutdowns): a drop on them is not an anomaly and they never set the usual. Default: [].',
  }),
  budget_percent: z.array(z.number().gt(0).max(1000)).default([80, 100]).meta({
    description:
      "Alert when a team's month-end forecast reaches these percentages of its budget. Default: [80, 100].",
  }),
  rightsizing: section(
    strictObject({
      low_percent: z.number().gt(0).max(100).default(40).meta({
        description:
          'A quota whose 14-day p95 use stays under this percentage is over-provisioned. Default: 40.',
      }),
      high_percent: z.number().gt(0).max(100).default(85).meta({
        description: 'A quota whose 14-day p95 use is above this percentage needs an increase. Default: 85.',
      }),
    }),
  ),
  reconcile: section(
    strictObject({
      min_percent: z.number().gt(0).default(5).meta({
        description:
          'A day whose bill and estimate differ by at least this percentage of the bill drifts. Default: 5.',
      }),
      min_usd_per_day: decimalSchema().prefault(50).meta({
        description:
          'Ignore bill-vs-estimate differences smaller than this many US dollars a day. Default: 50.',
      }),
    }),
  ).meta({
    description: 'Estimate vs bill per provider, day and billing scope: both thresholds must be crossed.',
  }),
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
