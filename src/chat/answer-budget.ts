import { canChange } from '../core/access/can-change.js';
import { canQuery } from '../core/access/can-query.js';
import { UNALLOCATED } from '../core/attribution/types.js';
import type { Command } from '../core/command.js';
import { SECONDS_PER_DAY } from '../core/facts.js';
import { budgetMessage, budgetSetMessage } from '../core/views/budget-message.js';
import {
  BUDGET_HISTORY_SECONDS,
  type BudgetSetting,
  budgetMonth,
  buildBudgetView,
} from '../core/views/budget-view.js';
import { problemMessage } from '../core/views/help-message.js';
import { unknownTeamMessage } from '../core/views/unknown-team-message.js';
import type { BudgetStore } from '../store/budget-store.js';
import type { BusinessMetricsStore } from '../store/business-metrics-store.js';
import type { Answer, AnswerDeps } from './answer.js';

/** What `unit` and `budget` read and write besides the spend queries. */
export interface EconomicsDeps {
  metrics: Pick<BusinessMetricsStore, 'units' | 'spendDays'>;
  budgets: Pick<BudgetStore, 'current' | 'set' | 'dailySpend' | 'knownFrom'>;
  /** `teams.<name>.monthly_budget_usd` from ai-spend.yml, micro-dollars per team. */
  configuredBudgets: ReadonlyMap<string, number>;
}

/** Who `budget set` records when the command line asks without `--as`: the operator of the install. */
export const CLI_USER = 'cli';

/** `budget`: month-to-date, forecast and budget; `budget <team> set <usd>` stores one. */
export function answerBudget(
  command: Extract<Command, { kind: 'budget' | 'budget_set' }>,
  now: number,
  deps: AnswerDeps,
  userId?: string,
): Omit<Answer, 'public'> {
  const { economics } = deps;
  if (economics === undefined) {
    const message = 'Budgets are not kept by this installation. Try `help` for what is.';
    return {
      message: problemMessage('Not available', message),
      data: { kind: 'not_available', subcommand: 'budget' },
    };
  }
  const known = knownTeams(deps);
  // `budget all` is `budget`: every team with a budget.
  if (command.kind === 'budget' && command.team === 'all') {
    const { team: _all, ...everyTeam } = command;
    return answerBudget(everyTeam, now, deps, userId);
  }
  const { team } = command;
  if (team !== undefined && !known.includes(team)) {
    return {
      message: unknownTeamMessage(team, known),
      data: { kind: 'unknown_team', team, known_teams: known },
    };
  }
  const settings = budgetSettings(economics);
  if (command.kind === 'budget_set') return setBudget(command, now, deps, economics, settings, userId);

  const names =
    command.team === undefined
      ? [...settings.keys()].filter((name) => maySee(name, deps, userId)).sort()
      : [command.team];
  const month = budgetMonth(command.period, now);
  const from = month.start - BUDGET_HISTORY_SECONDS;
  const until = Math.min(now, month.end);
  const view = buildBudgetView({
    ...(command.team === undefined ? {} : { team: command.team }),
    period: command.period,
    now,
    knownFrom: economics.budgets.knownFrom(),
    teams: names.map((name) => {
      const budget = settings.get(name);
      return {
        team: name,
        ...(budget === undefined ? {} : { budget }),
        days: economics.budgets.dailySpend(name, from, until + SECONDS_PER_DAY),
      };
    }),
    freshness: deps.queries.freshness(deps.sources),
  });
  return { message: budgetMessage(view), data: { ...view } };
}

function setBudget(
  command: Extract<Command, { kind: 'budget_set' }>,
  now: number,
  deps: AnswerDeps,
  economics: EconomicsDeps,
  settings: Map<string, BudgetSetting>,
  userId: string | undefined,
): Omit<Answer, 'public'> {
  // The command line without `--as` is whoever runs ai-spend on the server: it may change settings.
  if (userId !== undefined) {
    const decision = canChange(
      { userId, admins: deps.access?.admins ?? [], userTeams: deps.access?.teamsOf(userId) ?? [] },
      { kind: 'setting', command: 'budget set' },
      { configuredTeams: deps.configuredTeams },
    );
    if (!decision.allowed) {
      return {
        message: problemMessage('Not for you to change', decision.reason),
        data: { kind: 'refused', reason: decision.reason },
      };
    }
  }
  const changedBy = userId ?? CLI_USER;
  const previous = settings.get(command.team);
  economics.budgets.set({
    team: command.team,
    micros: command.micros,
    previousMicros: previous?.micros ?? null,
    changedBy,
    changedAt: now,
  });
  return {
    message: budgetSetMessage({
      team: command.team,
      ...(previous === undefined ? {} : { previous }),
      micros: command.micros,
      changedBy,
    }),
    data: {
      kind: 'budget_set',
      team: command.team,
      budget_micros: command.micros,
      previous_micros: previous?.micros ?? null,
      previous_origin: previous?.origin ?? null,
      changed_by: changedBy,
      changed_at: now,
    },
  };
}

/** Each team's budget in force: set in chat (latest change) over the config's. */
export function budgetSettings(
  economics: Pick<EconomicsDeps, 'budgets' | 'configuredBudgets'>,
): Map<string, BudgetSetting> {
  const settings = new Map<string, BudgetSetting>();
  for (const [team, micros] of economics.configuredBudgets) settings.set(team, { micros, origin: 'config' });
  for (const [team, stored] of economics.budgets.current()) {
    settings.set(team, {
      micros: stored.micros,
      origin: 'chat',
      changedBy: stored.changedBy,
      changedAt: stored.changedAt,
    });
  }
  return settings;
}

/** Teams named in the config or seen in the data, `unallocated` left out. */
export function knownTeams(deps: Pick<AnswerDeps, 'configuredTeams' | 'queries'>): string[] {
  return [...new Set([...deps.configuredTeams, ...deps.queries.teamsWithData()])]
    .filter((team) => team !== UNALLOCATED)
    .sort();
}

function maySee(team: string, deps: AnswerDeps, userId: string | undefined): boolean {
  if (deps.access === undefined || userId === undefined) return true;
  const { visibility, admins, teamsOf } = deps.access;
  return canQuery({ userId, visibility, admins, userTeams: teamsOf(userId) }, { kind: 'team', name: team })
    .allowed;
}
