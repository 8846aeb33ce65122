import type { CustomRoute } from '@slack/bolt';
import { healthzRoute } from './chat/healthz-route.js';
import { metricsRoute } from './chat/metrics-route.js';
import { renderCollectSummary } from './chat/render-collect-summary.js';
import { createSlackApp } from './chat/slack/create-slack-app.js';
import { startRouteServer } from './chat/start-route-server.js';
import type { Environment } from './config/environment.js';
import type { AiSpendConfig } from './config/load-config.js';
import { schedule } from './jobs/schedule.js';
import type { App } from './main.js';

/** What `runBot` serves besides the chat platforms. */
export interface RunBotOptions {
  /** More HTTP routes on `PORT` (e.g. `POST /api/metrics`), next to `/healthz` and the chat endpoints. */
  extraRoutes?: CustomRoute[];
}

/**
 * Runs for real: a collection pass now, then on the configured schedule, reporting to the
 * console, until SIGINT or SIGTERM. Chat platforms attach here as they are configured. One HTTP
 * port serves everything: Slack's receiver when Slack runs over HTTP, else a small route server
 * (`/healthz`, Teams' `/api/messages`, `extraRoutes`).
 */
export async function runBot(
  app: App,
  config: AiSpendConfig,
  environment: Environment,
  { extraRoutes = [] }: RunBotOptions = {},
): Promise<void> {
  const log = (line: string) => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const deliverOnce = async () => {
    const summary = await app.deliver({
      onProblem: (problem) => log(`delivery: ${problem.message} → ${problem.hint}`),
    });
    const sent = summary.slack?.sent ?? 0;
    if (sent > 0) log(`delivered ${sent} message${sent === 1 ? '' : 's'} to Slack`);
    const toTeams = summary.msteams?.sent ?? 0;
    if (toTeams > 0) log(`delivered ${toTeams} message${toTeams === 1 ? '' : 's'} to Microsoft Teams`);
  };
  // Retries run only between a scheduled send and the moment nothing is left to retry, so a new
  // week never goes out before `schedule.digest`.
  let digestRetrying = false;
  const sendDigestOnce = async ({ retry = false }: { retry?: boolean } = {}) => {
    if (retry && !digestRetrying) return;
    try {
      const summary = await app.sendDigest({
        onProblem: (problem) => log(`digest: ${problem.message} → ${problem.hint}`),
      });
      if (summary && summary.sent > 0) log(`digests: ${summary.sent} sent`);
      digestRetrying = (summary?.retrying ?? 0) > 0;
    } catch (error) {
      log(`digest failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let inFlight: Promise<void> = Promise.resolve();
  const collectOnce = () => {
    inFlight = app.collect().then(
      async (summary) => {
        for (const line of renderCollectSummary(summary)) log(line);
        const alerts = await app.analyze();
        if (alerts.opened + alerts.resolved + alerts.escalated > 0) {
          log(`alerts: ${alerts.opened} opened, ${alerts.resolved} resolved, ${alerts.escalated} escalated`);
        }
        for (const note of alerts.notes) log(`alerts: ${note}`);
        await deliverOnce();
      },
      // The job runner is the error sink for the unexpected: log it, keep the schedule going.
      (error: unknown) => {
        log(`collect failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return inFlight;
  };
  const { collect: cron, timezone } = config.schedule;
  log(`ai-spend collecting ${app.sources.join(', ') || 'nothing'} on "${cron}" (${timezone})`);
  // Pipelines push business metrics here; without AI_SPEND_METRICS_TOKEN every push is refused.
  const metrics = metricsRoute({
    token: environment.metricsToken,
    push: (text, format) => app.pushMetrics(text, format === undefined ? {} : { format }),
  });
  const routes = [...(app.teams ? [app.teams.route] : []), metrics, ...extraRoutes];
  const slack = await startSlack(app, environment, log, routes);
  const server =
    slack === undefined && routes.length > 0
      ? await startRouteServer({ port: environment.port, routes: [healthzRoute, ...routes] })
      : undefined;
  if (server)
    log(`HTTP: ${routes.map((route) => route.path).join(', ')} and /healthz on port ${server.port}`);
  if (app.teams) log(`Microsoft Teams: messages answered on ${app.teams.route.path}`);
  const jobs = schedule(
    [
      { name: 'collect', cron, run: collectOnce },
      // The outbox is retried often: a Slack outage or 429 only delays a message.
      ...(slack || app.teams
        ? [
            { name: 'deliver', cron: '*/15 * * * * *', run: () => deliverOnce().catch(() => undefined) },
            // Digests go out on schedule.digest; an hourly pass retries rate-limited recipients.
            { name: 'digest', cron: config.schedule.digest, run: () => sendDigestOnce() },
            { name: 'digest-retry', cron: '7 * * * *', run: () => sendDigestOnce({ retry: true }) },
          ]
        : []),
    ],
    timezone,
  );
  await Promise.race([collectOnce(), stopped]);
  await stopped;
  await jobs.stop();
  await slack?.stop();
  await server?.close();
  await inFlight;
  app.close();
  log('ai-spend stopped');
}

/** The Slack app, when a bot token and a signing secret (HTTP) or an app token (Socket Mode) are set. */
async function startSlack(
  app: App,
  environment: Environment,
  log: (line: string) => void,
  extraRoutes: CustomRoute[],
) {
  const { botToken, signingSecret, appToken, apiUrl } = environment.slack;
  if (botToken === undefined || (signingSecret === undefined && appToken === undefined)) return undefined;
  const slack = createSlackApp({
    answer: (text, asker) => app.answer(text, asker.id),
    onAlertButton: (press) => app.actOnAlert(press),
    homeView: (userId) => app.home(userId),
    botToken,
    ...(signingSecret === undefined ? {} : { signingSecret }),
    ...(appToken === undefined ? {} : { appToken }),
    ...(apiUrl === undefined ? {} : { slackApiUrl: apiUrl }),
    port: environment.port,
    extraRoutes,
  });
  const { port } = await slack.start();
  log(
    `Slack: /ai-spend answered ${appToken === undefined ? `on http://0.0.0.0:${port}/slack/events` : 'over Socket Mode'}`,
  );
  return slack;
}
