#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { Command, Option } from 'commander';
import { hasCollector } from './build-collectors.js';
import { createConsoleProgress } from './chat/console-progress.js';
import { renderCollectSummary } from './chat/render-collect-summary.js';
import { renderText } from './chat/render-text.js';
import { describeFocusImport } from './collectors/focus/describe-focus-import.js';
import { configJsonSchema } from './config/config-json-schema.js';
import { describeConfig } from './config/describe-config.js';
import { enabledSources, readEnvironment } from './config/environment.js';
import { loadConfig } from './config/load-config.js';
import { AiSpendError, isAiSpendError } from './core/errors.js';
import { SOURCES, type SourceId } from './core/facts.js';
import { parseInstant } from './core/period.js';
import { runBacktest } from './jobs/backtest/backtest-command.js';
import { backtestJson, renderBacktestText } from './jobs/backtest/render-backtest.js';
import { type App, createApp } from './main.js';
import { runBot } from './run-bot.js';
import { DEMO_DB_PATH, openDemoApp, runDemo } from './run-demo.js';
import { demoConfigYaml } from './sim/scenario/demo-config.js';
import { openDatabase } from './store/open-database.js';

const now = () => Math.floor(Date.now() / 1000);

function loadApp(): App {
  const environment = readEnvironment(process.env);
  const config = loadConfig({ path: environment.configPath, env: process.env });
  const { sources, problems } = enabledSources(config, environment);
  for (const problem of problems) process.stderr.write(`warning: ${problem}\n`);
  return createApp({ config, environment, sources });
}

function instant(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseInstant(text, now());
  if (typeof parsed === 'number') return parsed;
  throw new AiSpendError('input_invalid', `${flag}: ${parsed.error}`);
}

const program = new Command()
  .name('ai-spend')
  .description('AI spend, attributed to teams and features, in Slack, Teams and the terminal.')
  .showHelpAfterError();

program
  .command('start')
  .description('run the bot and its schedule; with no credentials, run the built-in demo')
  .action(async () => {
    const environment = readEnvironment(process.env);
    const config = loadConfig({ path: environment.configPath, env: process.env });
    const { sources } = enabledSources(config, environment);
    const chat = environment.slack.botToken !== undefined || environment.microsoft.appId !== undefined;
    // Nothing to read and nobody to talk to: show what ai-spend does on the built-in demo instead.
    if (sources.length === 0 && !chat) {
      await runDemo({ interactive: process.stdin.isTTY === true });
      return;
    }
    await runBot(loadApp(), config, environment);
  });

program
  .command('demo')
  .description(`seed the demo data (${DEMO_DB_PATH}) from the built-in simulators and print the story`)
  .action(async () => {
    await runDemo({ interactive: false });
  });

program
  .command('collect')
  .description('one collection pass; a backfill when --since is given')
  .addOption(new Option('--source <source>', 'only this source').choices([...SOURCES]))
  .option('--since <time>', 'read from here regardless of cursors (2026-09-01, 90d)')
  .option('--until <time>', 'read up to here (exclusive)')
  .action(async (options: { source?: SourceId; since?: string; until?: string }) => {
    const app = loadApp();
    const progress = createConsoleProgress();
    try {
      const summary = await app.collect({
        only: options.source,
        since: instant(options.since, '--since'),
        until: instant(options.until, '--until'),
        onProgress: (p) => progress.collect(p),
        onRebuild: (p) => progress.rebuild(p),
      });
      progress.finish();
      process.stdout.write(`${renderCollectSummary(summary).join('\n')}\n`);
      if (summary.results.some((result) => !result.ok)) process.exitCode = 1;
    } finally {
      app.close();
    }
  });

const importCommand = program.command('import').description('import billing exports');
importCommand
  .command('focus')
  .description('import the AI rows of a FOCUS 1.0–1.4 export (CSV, gzip CSV or Parquet) as billed spend')
  .argument('<file>', 'the export file')
  .addOption(
    new Option('--cost-column <column>', 'the amount to import')
      .choices(['BilledCost', 'EffectiveCost'])
      .default('BilledCost'),
  )
  .option('--include-collected', 'also import services a running source already bills (counts them twice)')
  .option('--json', 'print the summary as JSON')
  .action(
    async (
      file: string,
      options: { costColumn: 'BilledCost' | 'EffectiveCost'; includeCollected?: boolean; json?: boolean },
    ) => {
      const app = loadApp();
      const progress = createConsoleProgress();
      try {
        const summary = await app.importFocus(file, {
          costColumn: options.costColumn,
          includeCollected: options.includeCollected === true,
          onProgress: (p) => progress.collect({ source: 'focus', stream: 'import', ...p }),
          onRebuild: (p) => progress.rebuild(p),
        });
        progress.finish();
        process.stdout.write(
          options.json
            ? `${JSON.stringify(summary, null, 2)}\n`
            : `${describeFocusImport(summary).join('\n')}\n`,
        );
        if (summary.problems.length > 0) process.exitCode = 1;
      } finally {
        app.close();
      }
    },
  );

const metricsCommand = program
  .command('metrics')
  .description('business metrics (units of value per feature)');
metricsCommand
  .command('push')
  .description(
    'store units per team, feature, unit and day (CSV or JSON); re-pushed days replace earlier ones',
  )
  .argument('[file]', 'the rows; standard input when absent or -')
  .addOption(
    new Option('--format <format>', 'how the rows are written (default: guessed)').choices(['csv', 'json']),
  )
  .option('--json', 'print the summary as JSON')
  .action((file: string | undefined, options: { format?: 'csv' | 'json'; json?: boolean }) => {
    const text = readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
    const app = loadApp();
    try {
      const summary = app.pushMetrics(text, options.format === undefined ? {} : { format: options.format });
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        if (summary.error !== undefined) process.stderr.write(`error: ${summary.error}\n`);
        for (const problem of summary.rejected)
          process.stderr.write(`row ${problem.row}: ${problem.reason}\n`);
        process.stdout.write(
          `metrics: ${summary.accepted} rows stored, ${summary.rejected.length} rejected\n`,
        );
      }
      if (summary.error !== undefined || summary.rejected.length > 0) process.exitCode = 1;
    } finally {
      app.close();
    }
  });

program
  .command('ask')
  .description('answer exactly what /ai-spend <text> would answer')
  .argument('<text...>', 'the command, e.g. "team search 7d"')
  .option('--as <user>', 'answer as this chat user id (the access rules of ai-spend.yml apply)')
  .option('--json', 'print the neutral view as JSON')
  .option('--demo', `answer from the demo database (${DEMO_DB_PATH})`)
  .action((words: string[], options: { as?: string; json?: boolean; demo?: boolean }) => {
    const app = options.demo ? openDemoApp() : loadApp();
    try {
      const reply = app.answer(words.join(' '), options.as);
      process.stdout.write(
        options.json ? `${JSON.stringify(reply.data, null, 2)}\n` : `${renderText(reply.message)}\n`,
      );
    } finally {
      app.close();
    }
  });

program
  .command('analyze')
  .description('one pass of every alert rule; new alerts go to the outbox and are printed')
  .option('--demo', `analyze the demo database (${DEMO_DB_PATH})`)
  .action(async (options: { demo?: boolean }) => {
    const app = options.demo ? openDemoApp() : loadApp();
    try {
      const summary = await app.analyze();
      for (const message of summary.messages) {
        process.stdout.write(
          `── ${message.kind} for ${message.channel ?? 'no channel'}\n${renderText(message.view)}\n\n`,
        );
      }
      for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
      process.stdout.write(
        `alerts: ${summary.opened} opened, ${summary.resolved} resolved, ${summary.escalated} escalated, ${summary.unchanged} unchanged\n`,
      );
    } finally {
      app.close();
    }
  });

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

program
  .command('digest')
  .description('build the weekly digest (last complete week, Monday to Monday UTC) and print it')
  .option('--team <team>', 'one team instead of the whole organisation')
  .option('--png <file>', 'also write the chart (spend per day by provider) as a PNG')
  .option('--json', 'print the digest view as JSON')
  .option('--demo', `build it from the demo database (${DEMO_DB_PATH})`)
  .option('--send', 'send every team its digest on Slack (channel and managers) instead of printing one')
  .action(
    async (options: { team?: string; png?: string; json?: boolean; demo?: boolean; send?: boolean }) => {
      const app = options.demo ? openDemoApp() : loadApp();
      try {
        if (options.send) {
          const summary = await app.sendDigest({
            onProblem: (problem) =>
              process.stderr.write(`problem: ${problem.message}\nhint: ${problem.hint}\n`),
          });
          if (summary === undefined)
            throw new AiSpendError('config_invalid', 'Slack is not configured', {
              hint: 'set SLACK_BOT_TOKEN',
            });
          process.stdout.write(
            `digests: ${summary.sent} sent, ${summary.skipped} already sent, ${summary.retrying} to retry, ${summary.failed} failed\n`,
          );
          if (summary.failed > 0) process.exitCode = 1;
          return;
        }
        const digest = app.digest(options.team === undefined ? {} : { team: options.team.toLowerCase() });
        process.stdout.write(
          options.json ? `${JSON.stringify(digest.view, null, 2)}\n` : `${renderText(digest.message)}\n`,
        );
        if (options.png) {
          writeFileSync(options.png, digest.chartPng);
          process.stderr.write(`chart written to ${options.png}\n`);
        }
      } finally {
        app.close();
      }
    },
  );

const configCommand = program.command('config').description('configuration');
configCommand
  .command('check')
  .description('validate ai-spend.yml and the environment; print what is enabled')
  .action(() => {
    const environment = readEnvironment(process.env);
    const config = loadConfig({ path: environment.configPath, env: process.env });
    process.stdout.write(`${describeConfig(config, environment).join('\n')}\n`);
    const { sources, problems } = enabledSources(config, environment);
    for (const source of sources.filter((name) => !hasCollector(name))) {
      process.stdout.write(
        `note: sources.${source} is valid, but this version does not collect ${source} yet\n`,
      );
    }
    if (problems.length > 0) {
      for (const problem of problems) process.stderr.write(`problem: ${problem}\n`);
      process.exitCode = 1;
    }
  });
configCommand
  .command('schema')
  .description('print the JSON Schema of ai-spend.yml (for editors)')
  .action(() => {
    process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!isAiSpendError(error)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
  process.exitCode = error.code === 'config_invalid' || error.code === 'input_invalid' ? 2 : 1;
}
