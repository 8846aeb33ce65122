import { SECONDS_PER_DAY } from '../../core/facts.js';
import { migrationRule, type TeamDailyMix } from '../../core/rules/migration-rule.js';
import { rngFor } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

const DAY = SECONDS_PER_DAY;
/** Monday 2026-03-02: two known weeks, then eight weeks evaluated day by day. */
const START = Date.UTC(2026, 2, 2) / 1000;
const HISTORY_DAYS = 14;
const EVAL_DAYS = 56;
const DETECT_WITHIN = 9 * DAY;

/** Where a team's tokens go: blended list price in micro-dollars per token. */
interface Route {
  provider: string;
  model: string;
  family: string;
  price: number;
}

const ROUTES = {
  sonnet: {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    family: 'claude-sonnet-4-5',
    price: 6,
  },
  sonnetBedrock: {
    provider: 'bedrock',
    model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    family: 'claude-sonnet-4-5',
    price: 6,
  },
  haiku: { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', family: 'claude-haiku-4-5', price: 2 },
  gpt: { provider: 'openai', model: 'gpt-5.4-2026-03-05', family: 'gpt-5.4', price: 4 },
  gptMini: { provider: 'openai', model: 'gpt-5-mini-2025-08-07', family: 'gpt-5-mini', price: 0.6 },
  gemini: { provider: 'vertex', model: 'gemini-2.5-pro', family: 'gemini-2.5-pro', price: 3.5 },
} satisfies Record<string, Route>;
type RouteName = keyof typeof ROUTES;

/** A team's usual mix: the first route carries 85% and is the one incidents move from. */
const MIXES: ReadonlyArray<{ shares: Array<[RouteName, number]>; weekend: RouteName }> = [
  {
    shares: [
      ['sonnet', 0.85],
      ['haiku', 0.1],
      ['gptMini', 0.05],
    ],
    weekend: 'haiku',
  },
  {
    shares: [
      ['sonnetBedrock', 0.85],
      ['gpt', 0.1],
      ['haiku', 0.05],
    ],
    weekend: 'haiku',
  },
  {
    shares: [
      ['gpt', 0.85],
      ['sonnet', 0.1],
      ['gptMini', 0.05],
    ],
    weekend: 'gptMini',
  },
];

/** `size` of the team's tokens (0–1) move from its main route to `to` from day `at`, over `days` days. */
interface Move {
  at: number;
  size: number;
  to: RouteName;
  days: number;
}

interface TeamSpec {
  team: string;
  mix: (typeof MIXES)[number];
  /** Tokens on a weekday. */
  volume: number;
  /** Log-normal spread of each route's daily weight. */
  noise: number;
  /** Weekly growth of the volume. */
  growth: number;
  moves: Move[];
  /** A new route arriving at `share` from day `at`. */
  newRoute?: { route: RouteName; at: number; share: number };
  /** Weekdays (days since START) that run like a weekend. */
  holidays: number[];
}

interface Spec {
  name: string;
  tags: string[];
  teams: TeamSpec[];
  incidents: Array<{ at: number; label: string }>;
}

const NOISES = [0.05, 0.15, 0.3];
const TEAMS = ['support', 'search', 'growth', 'data', 'mobile'];

/**
 * Labelled daily per-team mixes for the migration rule: three kinds of usual mix (one model at 85%),
 * weekday volume with quieter weekends that lean on a cheaper model, three noise levels and growth.
 * Incidents move 25–80% of a team's tokens to another model of the same provider, to the same model
 * on another provider, or to another provider's model, abruptly or over 3 days. Quiet controls:
 * stable noisy mixes, a new model at 5%, holidays, a one-day trial of another model, a slow drift,
 * and a small team (under $100 a week) that migrates. Replayed daily; detected within 9 days.
 */
export function migrationCases(seed: number): DetectionCase[] {
  const random = rngFor(seed, 'migration-cases');
  const team = (index: number, overrides: Partial<TeamSpec> = {}): TeamSpec => ({
    team: TEAMS[index % TEAMS.length] ?? 'team',
    mix: MIXES[index % MIXES.length] ?? { shares: [['sonnet', 1]], weekend: 'sonnet' },
    volume: 20_000_000 + Math.floor(random() * 60_000_000),
    noise: NOISES[index % NOISES.length] ?? 0.15,
    growth: index % 4 === 1 ? 0.1 : 0,
    moves: [],
    holidays: [],
    ...overrides,
  });
  const specs: Spec[] = [];
  const targets: Array<[string, (mix: TeamSpec['mix']) => RouteName]> = [
    ['other-provider-model', (mix) => (mix.shares[0]?.[0] === 'gpt' ? 'gemini' : 'gpt')],
    ['same-provider-model', (mix) => (mix.shares[0]?.[0] === 'gpt' ? 'gptMini' : 'haiku')],
    [
      'same-model-other-provider',
      (mix) => (mix.shares[0]?.[0] === 'sonnetBedrock' ? 'sonnet' : 'sonnetBedrock'),
    ],
  ];
  let index = 0;
  for (const size of [0.25, 0.4, 0.6, 0.8]) {
    for (const days of [1, 3]) {
      for (const [kind, target] of targets) {
        for (let copy = 0; copy < 2; copy += 1) {
          const at = HISTORY_DAYS + 7 + Math.floor(random() * 28);
          // Moving the same model to another provider needs a team on a Claude mix.
          const spec = team(index, kind === 'same-model-other-provider' ? { mix: MIXES[index % 2] } : {});
          const to = target(spec.mix);
          spec.moves.push({ at, size, to, days });
          const shape = days === 1 ? 'abrupt' : 'gradual';
          specs.push({
            name: `migration/${kind}/${Math.round(size * 100)}%-${shape}/${index}`,
            tags: [
              kind,
              shape,
              `noise-${Math.round(spec.noise * 100)}%`,
              ...(spec.growth > 0 ? ['growth'] : []),
            ],
            teams: [spec],
            incidents: [
              { at: START + at * DAY, label: `${spec.team} moves ${Math.round(size * 100)}% to ${to}` },
            ],
          });
          index += 1;
        }
      }
    }
  }
  for (let q = 0; q < 24; q += 1) {
    const kind = ['stable', 'new-model', 'holiday', 'trial', 'drift', 'small-team'][q % 6] ?? 'stable';
    const teams = [0, 1, 2].map((offset) => team(q + offset));
    const first = teams[0] as TeamSpec;
    if (kind === 'new-model')
      first.newRoute = { route: 'gemini', at: HISTORY_DAYS + 10 + (q % 20), share: 0.05 };
    if (kind === 'holiday')
      for (const spec of teams) spec.holidays.push(HISTORY_DAYS + 23, HISTORY_DAYS + 24, HISTORY_DAYS + 25);
    if (kind === 'trial')
      first.moves.push(
        { at: HISTORY_DAYS + 12 + q, size: 0.8, to: 'gemini', days: 1 },
        { at: HISTORY_DAYS + 13 + q, size: -0.8, to: 'gemini', days: 1 },
      );
    if (kind === 'drift')
      for (let week = 0; week < 8; week += 1)
        first.moves.push({ at: HISTORY_DAYS + week * 7, size: 0.02, to: 'haiku', days: 7 });
    if (kind === 'small-team')
      Object.assign(first, {
        volume: 1_500_000,
        moves: [{ at: HISTORY_DAYS + 20, size: 0.8, to: 'haiku', days: 1 }],
      });
    specs.push({
      name: `migration/quiet-${kind}/${q}`,
      tags: ['quiet', kind, ...new Set(teams.map((spec) => `noise-${Math.round(spec.noise * 100)}%`))],
      teams,
      incidents: [],
    });
  }
  return specs.map((spec) => toCase(spec, seed));
}

function toCase(spec: Spec, seed: number): DetectionCase {
  const rows = spec.teams.flatMap((teamSpec) => generate(teamSpec, seed, spec.name));
  return {
    name: spec.name,
    rule: 'migration',
    tags: spec.tags,
    incidents: spec.incidents,
    detectWithinSeconds: DETECT_WITHIN,
    evaluatedSeconds: EVAL_DAYS * DAY,
    teams: spec.teams.length,
    replay() {
      const first = new Map<string, number>();
      for (let day = 1; day <= EVAL_DAYS; day += 1) {
        const today = START + (HISTORY_DAYS + day) * DAY;
        const seen = rows.filter((row) => row.day < today && row.day >= today - 14 * DAY);
        for (const candidate of migrationRule({ rows: seen, today, knownFrom: START })) {
          if (!first.has(candidate.fingerprint)) first.set(candidate.fingerprint, today);
        }
      }
      return [...first].map(([fingerprint, firstAt]) => ({ fingerprint, firstAt }));
    },
  };
}

/** The share a move has reached on `day`: linear over its `days`, complete after. */
function moved(move: Move, day: number): number {
  return move.size * Math.min(1, Math.max(0, (day - move.at + 1) / move.days));
}

function generate(spec: TeamSpec, seed: number, caseName: string): TeamDailyMix[] {
  const random = rngFor(seed, caseName, spec.team);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const main = spec.mix.shares[0]?.[0] ?? 'sonnet';
  const rows: TeamDailyMix[] = [];
  for (let day = 0; day < HISTORY_DAYS + EVAL_DAYS; day += 1) {
    const weekend = day % 7 >= 5 || spec.holidays.includes(day);
    const weights = new Map<RouteName, number>(spec.mix.shares);
    for (const move of spec.moves) {
      const share = moved(move, day);
      weights.set(main, (weights.get(main) ?? 0) - share);
      weights.set(move.to, (weights.get(move.to) ?? 0) + share);
    }
    if (spec.newRoute && day >= spec.newRoute.at) weights.set(spec.newRoute.route, spec.newRoute.share);
    if (weekend) weights.set(spec.mix.weekend, (weights.get(spec.mix.weekend) ?? 0) * 3);
    const noisy = [...weights].map(
      ([name, weight]) => [name, Math.max(0, weight) * Math.exp(spec.noise * gauss())] as const,
    );
    const total = noisy.reduce((sum, [, weight]) => sum + weight, 0);
    const volume =
      spec.volume * (weekend ? 0.4 : 1) * (1 + spec.growth) ** (day / 7) * Math.exp(0.1 * gauss());
    for (const [name, weight] of noisy) {
      const route = ROUTES[name];
      const tokens = Math.round((volume * weight) / total);
      if (tokens <= 0) continue;
      const micros = Math.round(tokens * route.price * Math.exp(0.03 * gauss()));
      rows.push({
        team: spec.team,
        day: START + day * DAY,
        provider: route.provider,
        model: route.model,
        modelFamily: route.family,
        tokens,
        micros,
      });
    }
  }
  return rows;
}
