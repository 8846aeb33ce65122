import { existsSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import { readEnvironment } from '../config/environment.js';
import { loadConfig } from '../config/load-config.js';
import { AiSpendError } from '../core/errors.js';
import { runBacktest } from '../jobs/backtest/backtest-command.js';
import { backtestJson, renderBacktestText } from '../jobs/backtest/render-backtest.js';
import { DEMO_DB_PATH } from '../run-demo.js';
import { demoConfigYaml } from '../sim/scenario/demo-config.js';
import { openDatabase } from '../store/open-database.js';
import { instant, now } from './cli-context.js';

/** `ai-spend backtest`: one rule replayed over the stored history or CSV series. */
export function registerBacktestCommand(program: Command): void {
  const collectValues = (value: string, previous: string[]) => [...previous, value];

  program
    .command('backtest')
    .description(
      'replay the history (or CSV series) through one rule: the alerts it would have raised, and when',
    )
    .requiredOption(
      '--rule <rule>',
      'the rule: cost-anomaly, latency-shift, quota, quota-throttles, retry-storm…',
    )
    .option('--since <time>', 'replay from here (2026-09-01, 30d; default 30 days before --until)')
    .option('--until <time>', 'replay up to here, exclusive (default now)')
    .option(
      '--scope <key=value>',
      'only alerts about team=…, model=…, provider=… (repeatable)',
      collectValues,
      [],
    )
    .option('--series <files...>', 'CSV files (header timestamp,value) to replay instead of the database')
    .option('--set <key=value>', 'override a rule setting, e.g. min_ratio=2 (repeatable)', collectValues, [])
    .option('--step <minutes>', 'minutes between simulated passes (default: schedule.collect)')
    .option('--json', 'print the alerts as JSON')
    .option('--demo', `replay the demo database (${DEMO_DB_PATH})`)
    .action(
      (options: {
        rule: string;
        since?: string;
        until?: string;
        scope: string[];
        series?: string[];
        set: string[];
        step?: string;
        json?: boolean;
        demo?: boolean;
      }) => {
        const stepMinutes = options.step === undefined ? undefined : Number(options.step);
        if (stepMinutes !== undefined && !(stepMinutes >= 1)) {
          throw new AiSpendError(
            'input_invalid',
            `--step ${options.step}: expected a number of minutes, at least 1`,
          );
        }
        const environment = readEnvironment(process.env);
        const config = options.demo
          ? loadConfig({ path: 'ai-spend.yml (built-in demo)', text: demoConfigYaml(), env: {} })
          : loadConfig({ path: environment.configPath, env: process.env });
        let database: Database.Database | undefined;
        try {
          const report = runBacktest(
            {
              rule: options.rule,
              since: instant(options.since, '--since'),
              until: instant(options.until, '--until'),
              scopes: options.scope,
              ...(options.series === undefined ? {} : { series: options.series }),
              sets: options.set,
              ...(stepMinutes === undefined ? {} : { stepMinutes }),
            },
            {
              config,
              now: now(),
              readFile: (path) => readFileSync(path, 'utf8'),
              // Read as stored: the rollups are not rebuilt, nothing is collected or posted.
              db: () => {
                const path = options.demo ? DEMO_DB_PATH : environment.dbPath;
                if (!existsSync(path)) {
                  throw new AiSpendError('input_invalid', `no database at ${path}`, {
                    hint: options.demo
                      ? 'run ai-spend demo first'
                      : 'set AI_SPEND_DB, or run ai-spend collect first',
                  });
                }
                database = openDatabase({ path });
                return database;
              },
            },
          );
          process.stdout.write(
            options.json
              ? `${JSON.stringify(backtestJson(report), null, 2)}\n`
              : `${renderBacktestText(report)}\n`,
          );
        } finally {
          database?.close();
        }
      },
    );
}
