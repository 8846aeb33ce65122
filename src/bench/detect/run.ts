import { performance } from 'node:perf_hooks';
import { budgetCases } from './budget-cases.js';
import { costAnomalyCases } from './cost-anomaly-cases.js';
import type { DetectionCase } from './detection-case.js';
import { latencyShiftCases } from './latency-shift-cases.js';
import { migrationCases } from './migration-cases.js';
import { quotaCases } from './quota-cases.js';
import { retryStormCases } from './retry-storm-cases.js';
import { type CaseScore, scoreCases } from './score-cases.js';

/**
 * `npm run bench:detect [-- --seed N]`: replays every rule's labelled scenarios (injected incidents
 * and quiet controls) on a simulated clock and prints recall, precision, the median detection delay
 * and false alerts per team per week on the quiet series, with the same seed every run.
 */
const SUITES: ReadonlyArray<{
  rule: string;
  generate: (seed: number) => DetectionCase[];
  /** Rows to print separately (hourly and daily cost anomalies have very different delays). */
  split?: (entry: DetectionCase) => string;
}> = [
  {
    rule: 'cost_anomaly',
    generate: costAnomalyCases,
    split: (entry) => (entry.tags.includes('daily') ? 'cost_anomaly (daily)' : 'cost_anomaly (hourly)'),
  },
  { rule: 'latency_shift', generate: latencyShiftCases },
  {
    rule: 'quota',
    generate: quotaCases,
    split: (entry) => (entry.tags.includes('throttles') ? 'quota_throttles' : 'quota'),
  },
  { rule: 'retry_storm', generate: retryStormCases },
  { rule: 'migration', generate: migrationCases },
  { rule: 'budget', generate: budgetCases },
];

const seedArgument = process.argv.indexOf('--seed');
const seed = seedArgument >= 0 ? Number(process.argv[seedArgument + 1]) : 20261129;

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

const header = [
  'rule',
  'cases',
  'incidents',
  'recall',
  'precision',
  'median delay',
  'quiet false/team/week',
  'quiet team-weeks',
  'time',
];
const rows: string[][] = [];
let failed = false;
for (const { rule, generate, split } of SUITES) {
  const started = performance.now();
  const cases = generate(seed);
  const whole = scoreCases(cases);
  const seconds = (performance.now() - started) / 1000;
  const perMonth = (whole.quietFalseAlertsPerTeamWeek * 30) / 7;
  if (whole.recall < 0.9 || whole.precision < 0.9 || perMonth >= 1) failed = true;
  const groups = new Map<string, DetectionCase[]>();
  for (const entry of cases) {
    const name = split?.(entry) ?? rule;
    groups.set(name, [...(groups.get(name) ?? []), entry]);
  }
  for (const [name, group] of groups) {
    const score = groups.size === 1 ? whole : scoreCases(group);
    rows.push(row(name, group.length, score, groups.size === 1 ? `${seconds.toFixed(1)} s` : ''));
  }
  if (groups.size > 1) rows.push(row(`${rule} (all)`, cases.length, whole, `${seconds.toFixed(1)} s`));
}

function row(name: string, cases: number, score: CaseScore, time: string): string[] {
  return [
    name,
    String(cases),
    String(score.incidents),
    score.recall.toFixed(3),
    score.precision.toFixed(3),
    duration(score.medianDelaySeconds),
    score.quietFalseAlertsPerTeamWeek.toFixed(3),
    score.quietTeamWeeks.toFixed(0),
    time,
  ];
}
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
);
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
process.stdout.write(`detection suite, seed ${seed}\n\n`);
process.stdout.write(`${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
for (const row of rows) process.stdout.write(`${line(row)}\n`);
process.stdout.write(
  `\ntargets: recall ≥ 0.9, precision ≥ 0.9, quiet series under 1 false alert per team per month: ${failed ? 'MISSED' : 'met'}\n`,
);
process.exitCode = failed ? 1 : 0;
