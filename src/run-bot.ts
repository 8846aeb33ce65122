import { renderCollectSummary } from './chat/render-collect-summary.js';
import type { AiSpendConfig } from './config/load-config.js';
import { schedule } from './jobs/schedule.js';
import type { App } from './main.js';

/**
 * Runs for real: a collection pass now, then on the configured schedule, reporting to the
 * console. Chat platforms attach here as they are configured.
 */
export async function runBot(app: App, config: AiSpendConfig): Promise<void> {
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const collectOnce = async () => {
    const summary = await app.collect();
    for (const line of renderCollectSummary(summary)) log(line);
  };
  log(
    `ai-spend collecting ${app.sources.join(', ') || 'nothing'} on "${config.schedule.collect}" (${config.schedule.timezone})`,
  );
  await collectOnce();
  const jobs = schedule(
    [{ name: 'collect', cron: config.schedule.collect, run: collectOnce }],
    config.schedule.timezone,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      void jobs.stop().then(() => {
        app.close();
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
