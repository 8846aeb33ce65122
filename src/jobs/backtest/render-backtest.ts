import type { BacktestAlert } from '../../core/backtest/backtest-alert.js';
import { isoTime } from '../../core/period.js';
import type { BacktestReport } from './backtest-command.js';

/** Rows of the alert table printed before "and N more" (the JSON has them all). */
const MAX_ROWS = 100;

/** `--json`: `{ rule, settings, series: [{ name, points, alerts: [{ at, severity, value, message }] }] }`. */
export function backtestJson(report: BacktestReport): Record<string, unknown> {
  return {
    rule: report.rule,
    settings: report.settings,
    mode: report.mode,
    since: isoTime(report.since),
    until: isoTime(report.until),
    ...(report.stepSeconds === undefined ? {} : { stepSeconds: report.stepSeconds }),
    series: report.series.map((entry) => ({
      name: entry.name,
      points: entry.points,
      alerts: entry.alerts.map((alert) => ({
        at: isoTime(alert.at),
        severity: alert.severity,
        value: alert.value,
        unit: alert.unit,
        scope: alert.scope,
        team: alert.team,
        fingerprint: alert.fingerprint,
        title: alert.title,
        message: alert.message,
      })),
    })),
    summary: report.summary,
    problems: report.problems,
  };
}

/** The human answer: what was replayed, a table of the alerts, and alerts per week and per scope. */
export function renderBacktestText(report: BacktestReport): string {
  const lines: string[] = [];
  const span = `${minute(report.since)} → ${minute(report.until)} UTC`;
  const replayed =
    report.mode === 'history'
      ? `history ${span}, ${report.series[0]?.points ?? 0} passes every ${(report.stepSeconds ?? 0) / 60} min`
      : `${report.series.length} series (${report.series.map((entry) => `${entry.name}: ${entry.points} points`).join(', ')})`;
  lines.push(`backtest of ${report.rule.replaceAll('_', '-')} over ${replayed}`);
  lines.push(
    `settings: ${Object.entries(report.settings)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : value}`)
      .join(' ')}`,
  );
  for (const problem of report.problems) {
    lines.push(`skipped ${problem.file} line ${problem.line}: ${problem.message}`);
  }
  const alerts = report.series
    .flatMap((entry) => entry.alerts)
    .sort((a, b) => a.at - b.at || (a.scope < b.scope ? -1 : 1));
  lines.push('');
  if (alerts.length === 0) {
    lines.push('No alert would have fired.');
  } else {
    lines.push(...table(alerts.slice(0, MAX_ROWS)));
    if (alerts.length > MAX_ROWS)
      lines.push(`… and ${alerts.length - MAX_ROWS} more (--json lists them all)`);
  }
  const { summary } = report;
  const perWeek = summary.weeks === 0 ? 0 : summary.total / summary.weeks;
  lines.push('');
  lines.push(
    `${summary.total} alert${summary.total === 1 ? '' : 's'} (${summary.critical} critical) over ${summary.weeks} week${summary.weeks === 1 ? '' : 's'}: ${perWeek.toFixed(1)} per week`,
  );
  if (summary.total > 0) {
    lines.push(`per week:  ${summary.perWeek.map((entry) => `${entry.week} ${entry.alerts}`).join(' · ')}`);
    lines.push(`per scope: ${summary.perScope.map((entry) => `${entry.scope} ${entry.alerts}`).join(' · ')}`);
  }
  return lines.join('\n');
}

function table(alerts: readonly BacktestAlert[]): string[] {
  const rows = alerts.map((alert) => [
    minute(alert.at),
    alert.severity,
    alert.scope,
    figure(alert),
    alert.title,
  ]);
  const header = ['when (UTC)', 'severity', 'scope', 'value', 'alert'];
  const widths = header.map((title, column) =>
    Math.min(40, Math.max(title.length, ...rows.map((row) => (row[column] as string).length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number)))
      .join('  ');
  return [line(header), ...rows.map(line)];
}

function figure(alert: BacktestAlert): string {
  if (alert.unit.startsWith('USD')) return `$${alert.value.toFixed(2)}${alert.unit.slice(3)}`;
  return alert.unit === '' ? String(alert.value) : `${alert.value} ${alert.unit}`;
}

function minute(at: number): string {
  return isoTime(at).slice(0, 16).replace('T', ' ');
}
