import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { createConsoleProgress } from '../chat/console-progress.js';
import { describeFocusImport } from '../collectors/focus/describe-focus-import.js';
import { loadApp } from './cli-context.js';

/** `ai-spend import focus` and `ai-spend metrics push`: data that arrives as files. */
export function registerImportCommands(program: Command): void {
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
}
