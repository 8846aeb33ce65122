import type { Asker } from '../core/access/access-types.js';
import { canQuery } from '../core/access/can-query.js';
import { querySubject } from '../core/access/query-subject.js';
import { parseCommand } from '../core/command.js';
import type { QuotaLimit } from '../core/facts.js';
import { alertsView, anomaliesView } from '../core/views/alerts-view.js';
import { helpMessage, problemMessage } from '../core/views/help-message.js';
import type { MessageView } from '../core/views/message-view.js';
import type { AlertStore } from '../store/alert-store.js';
import type { SignalQueries } from '../store/signal-queries.js';
import type { SpendQueries } from '../store/spend-queries.js';
import { answerBudget, type EconomicsDeps } from './answer-budget.js';
import { answerCompare, type PricingDeps } from './answer-compare.js';
import { answerReconcile } from './answer-reconcile.js';
import { answerLatency, answerQuota } from './answer-signals.js';
import { answerSpend } from './answer-spend.js';
import { answerUnit } from './answer-unit.js';

export interface AnswerDeps {
  queries: SpendQueries;
  signals: SignalQueries;
  /** Teams named in the config; teams that only appear in data are added. */
  configuredTeams: readonly string[];
  /** Sources whose freshness the answer reports. */
  sources: readonly string[];
  /** Quota values from the config, which win over Service Quotas. */
  quotaOverrides: readonly QuotaLimit[];
  /** The first quota alert threshold, in percent (80 by default). */
  quotaThresholdPercent: number;
  /** Alerts for `alerts` and `anomalies`; absent, those answer that no alerts are kept. */
  alerts?: Pick<AlertStore, 'notResolvedOrResolvedIn' | 'openedIn'>;
  /** Who may see what (`visibility`, `admins` and team membership); absent = everyone sees everything. */
  access?: Pick<Asker, 'visibility' | 'admins'> & { teamsOf: (userId: string) => string[] };
  /** Price books and ledger queries for `compare` and `reconcile`; absent, those say so. */
  pricing?: PricingDeps;
  /** Business metrics and budgets set from chat, for `unit` and `budget`; absent, those say so. */
  economics?: EconomicsDeps;
}

/** One answer: the message to show, the neutral data behind it, and whether to post it publicly. */
export interface Answer {
  message: MessageView;
  data: { kind: string } & Record<string, unknown>;
  public: boolean;
}

/**
 * Answers exactly what `/ai-spend <text>` answers, for `userId` when known (access rules apply).
 * Never throws on bad input: it explains.
 */
export function answer(text: string, now: number, deps: AnswerDeps, userId?: string): Answer {
  const command = parseCommand(text, now);
  const subject = querySubject(command);
  if (subject !== undefined && deps.access !== undefined && userId !== undefined) {
    const { visibility, admins, teamsOf } = deps.access;
    const decision = canQuery({ userId, visibility, admins, userTeams: teamsOf(userId) }, subject);
    if (!decision.allowed) {
      return {
        message: problemMessage('Not for you to see', decision.reason),
        data: { kind: 'refused', reason: decision.reason },
        public: false,
      };
    }
  }
  switch (command.kind) {
    case 'help':
      return { message: helpMessage(), data: { kind: 'help' }, public: command.public };
    case 'invalid':
      return {
        message: problemMessage('Not understood', command.message),
        data: { kind: 'invalid', message: command.message },
        public: false,
      };
    case 'not_yet': {
      const message = `\`${command.subcommand}\` is not available in this version yet. Try \`help\` for what is.`;
      return {
        message: problemMessage('Not available yet', message),
        data: { kind: 'not_available', subcommand: command.subcommand },
        public: false,
      };
    }
    case 'quota':
      return { ...answerQuota(command.period, now, deps), public: command.public };
    case 'latency':
      return { ...answerLatency(command.period, now, deps), public: command.public };
    case 'alerts':
    case 'anomalies': {
      const { start, end } = command.period;
      const all =
        command.kind === 'alerts'
          ? (deps.alerts?.notResolvedOrResolvedIn(start, end) ?? [])
          : (deps.alerts?.openedIn('cost_anomaly', start, end) ?? []);
      const visible = all.filter((alert) => maysee(alert.team, deps, userId));
      const message =
        command.kind === 'alerts'
          ? alertsView(visible, command.period, now)
          : anomaliesView(visible, command.period, now);
      return {
        message,
        data: { kind: command.kind, period: command.period, alerts: visible },
        public: command.public,
      };
    }
    case 'unit':
      return { ...answerUnit(command, now, deps), public: command.public };
    case 'compare':
      return { ...answerCompare(command, now, deps), public: command.public };
    case 'reconcile':
      return { ...answerReconcile(command, now, deps), public: command.public };
    case 'budget':
    case 'budget_set':
      return { ...answerBudget(command, now, deps, userId), public: command.public };
    default:
      return { ...answerSpend(command, deps), public: command.public };
  }
}

/** Whether the asker may see a team's alerts: with `visibility: team`, their own teams (admins all). */
function maysee(team: string, deps: AnswerDeps, userId: string | undefined): boolean {
  if (deps.access === undefined || userId === undefined) return true;
  const { visibility, admins, teamsOf } = deps.access;
  return canQuery({ userId, visibility, admins, userTeams: teamsOf(userId) }, { kind: 'team', name: team })
    .allowed;
}
