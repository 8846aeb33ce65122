#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { hasCollector } from './build-collectors.js';
import { createConsoleProgress } from './chat/console-progress.js';
import { renderCollectSummary } from './chat/render-collect-summary.js';
import { renderText } from './chat/render-text.js';
import { registerBacktestCommand } from './cli/backtest-command.js';
import { instant, loadApp } from './cli/cli-context.js';
import { registerImportCommands } from './cli/import-commands.js';
import { configJsonSchema } from './config/config-json-schema.js';
import { describeConfig } from './config/describe-config.js';
import { enabledSources, readEnvironment } from './config/environment.js';
import { loadConfig } from './config/load-config.js';
import { AiSpendError, isAiSpendError } from './core/errors.js';
import { SOURCES, type SourceId } from './core/facts.js';
import { runBot } from './run-bot.js';
import { DEMO_DB_PATH, openDemoApp, runDemo } from './run-demo.js';

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

registerImportCommands(program);
registerBacktestCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!isAiSpendError(error)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
  process.exitCode = error.code === 'config_invalid' || error.code === 'input_invalid' ? 2 : 1;
}
