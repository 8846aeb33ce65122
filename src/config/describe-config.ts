import type { LoadedConfig } from './config-types.js';
import { type Environment, enabledSources, secretStatus } from './environment.js';

/**
 * What `ai-spend config check` prints: the file, the counts, each source on or off and why, the
 * schedule and the chat platforms. Names settings and says "set"/"not set"; never prints a secret.
 */
export function describeConfig(loaded: LoadedConfig, environment: Environment): string[] {
  const lines: string[] = [];
  lines.push(
    loaded.fileFound
      ? `config: ${loaded.file}`
      : `config: ${loaded.file} not found, using defaults (copy ai-spend.example.yml to start)`,
  );
  const teamNames = Object.keys(loaded.teams);
  const budgets = Object.values(loaded.teams).filter((team) => team.monthlyBudgetMicros !== undefined).length;
  lines.push(
    teamNames.length === 0
      ? 'teams: none (all spend is unallocated)'
      : `teams: ${count(teamNames.length, 'team')} (${teamNames.join(', ')}), ${count(budgets, 'monthly budget')}`,
  );
  lines.push(`attribution: ${count(loaded.attribution.length, 'rule')}`);
  const { statuses, problems } = enabledSources(loaded, environment);
  for (const status of statuses) {
    lines.push(`source ${status.source}: ${status.enabled ? 'enabled' : 'disabled'} (${status.reason})`);
  }
  for (const problem of problems) lines.push(`problem: ${problem}`);
  const { collect, digest, timezone } = loaded.schedule;
  lines.push(`schedule: collect "${collect}", digest "${digest}", time zone ${timezone}`);
  lines.push(slackLine(loaded, environment), msteamsLine(loaded, environment));
  const { prices } = loaded;
  const aliases = Object.values(prices.aliases).reduce(
    (total, names) => total + Object.keys(names).length,
    0,
  );
  lines.push(
    `prices: ${count(prices.models.length, 'model rate')}, ${count(prices.discounts.length, 'discount')}, ` +
      `${count(prices.tiers.length, 'tier multiplier')}, ${count(aliases, 'alias', 'aliases')}`,
  );
  lines.push(`visibility: ${loaded.visibility}; admins: ${loaded.admins.length}`);
  lines.push(`database: ${environment.dbPath}; port: ${environment.port}`);
  return lines;
}

function slackLine(loaded: LoadedConfig, { slack }: Environment): string {
  const channel = loaded.slack.defaultChannel ?? 'none';
  const tokens = `SLACK_BOT_TOKEN ${secretStatus(slack.botToken)}, SLACK_SIGNING_SECRET ${secretStatus(slack.signingSecret)}, SLACK_APP_TOKEN ${secretStatus(slack.appToken)}`;
  if (slack.botToken === undefined) return `slack: not configured (${tokens})`;
  if (slack.signingSecret === undefined && slack.appToken === undefined) {
    return `slack: incomplete, needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) (${tokens})`;
  }
  const mode = slack.appToken === undefined ? 'HTTP' : 'Socket Mode';
  return `slack: configured, ${mode} (${tokens}); default channel ${channel}`;
}

function msteamsLine(loaded: LoadedConfig, { microsoft }: Environment): string {
  const channel = loaded.msteams.defaultChannel ?? 'none';
  const settings = `MICROSOFT_APP_ID ${secretStatus(microsoft.appId)}, MICROSOFT_APP_PASSWORD ${secretStatus(microsoft.appPassword)}`;
  if (microsoft.appId === undefined && microsoft.insecure) {
    return `microsoft teams: local mode without authentication (AI_SPEND_TEAMS_INSECURE=1; never in production); default channel ${channel}`;
  }
  if (microsoft.appId === undefined) return `microsoft teams: not configured (${settings})`;
  return `microsoft teams: configured (${settings}); default channel ${channel}`;
}

function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`;
}
