import { parseDecimalMicros } from './money.js';
import { DEFAULT_PERIOD, looksLikePeriod, type Period, parsePeriod } from './period.js';
import { suggest } from './suggest.js';

/** Subcommands of the grammar that this version does not answer yet. */
const LATER = ['feature', 'top'] as const;

/** Subcommands that take a name and a period: `team search 7d`, `provider bedrock`, `model gpt-5.4 mtd`. */
const NAMED = {
  team: { noun: 'team', example: 'team search', hint: 'Try `team search` or `team all`.' },
  provider: {
    noun: 'provider',
    example: 'provider bedrock',
    hint: 'Try `provider anthropic` or `provider bedrock`.',
  },
  model: {
    noun: 'model',
    example: 'model claude-sonnet-4-5',
    hint: 'Try `model claude-sonnet-4-5` or `model gpt-5.4`.',
  },
  unit: { noun: 'team', example: 'unit search', hint: 'Try `unit search`.' },
} as const;
type Named = keyof typeof NAMED;

/** Subcommands that take only a period. */
const PERIOD_ONLY = { quota: '7d', latency: '14d', alerts: '7d', anomalies: '7d' } as const;
type PeriodOnly = keyof typeof PERIOD_ONLY;

/** What `/ai-spend <text>` asks for, parsed from untrusted chat text. */
export type Command =
  | { kind: 'help'; public: boolean }
  | { kind: Exclude<Named, 'unit'>; name: string; period: Period; public: boolean }
  /** `unit <team> [period]`: cost per business unit. */
  | { kind: 'unit'; name: string; period: Period; public: boolean }
  | { kind: PeriodOnly; period: Period; public: boolean }
  /** `compare <team|feature> [period] [to <model>...]`: `to` is empty for "the usual alternatives". */
  | { kind: 'compare'; name: string; period: Period; to: string[]; public: boolean }
  /** `reconcile [provider] [period]`: estimate vs invoice, every provider when none is named. */
  | { kind: 'reconcile'; provider?: string; period: Period; public: boolean }
  /** `budget [team] [period]`: month-to-date, forecast and budget; every team when none is named. */
  | { kind: 'budget'; team?: string; period: Period; public: boolean }
  /** `budget <team> set <usd>`: stores a monthly budget that overrides the config (admins only). */
  | { kind: 'budget_set'; team: string; usd: string; micros: number; public: boolean }
  | { kind: 'not_yet'; subcommand: string; public: boolean }
  | { kind: 'invalid'; message: string; public: boolean };

const SUBCOMMANDS = [
  'help',
  ...Object.keys(NAMED),
  ...Object.keys(PERIOD_ONLY),
  'compare',
  'reconcile',
  'budget',
  ...LATER,
];

/** Parses the text after `/ai-spend` (or sent to the Teams bot). `now` anchors relative periods. */
export function parseCommand(text: string, now: number): Command {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const isPublic = words.some((word) => word.toLowerCase() === 'public');
  const args = words.filter((word) => word.toLowerCase() !== 'public');
  const head = (args[0] ?? 'help').toLowerCase();
  const rest = args.slice(1);
  const invalid = (message: string): Command => ({ kind: 'invalid', message, public: isPublic });

  if (head === 'help' || head === '?') return { kind: 'help', public: isPublic };
  if ((LATER as readonly string[]).includes(head))
    return { kind: 'not_yet', subcommand: head, public: isPublic };
  if (head in PERIOD_ONLY) {
    const kind = head as PeriodOnly;
    if (rest.length > 1) return invalid(`\`${kind}\` takes only a period, e.g. \`${kind} 7d\`.`);
    const period = parsePeriod(rest[0] ?? PERIOD_ONLY[kind], now);
    return 'error' in period ? invalid(period.error) : { kind, period, public: isPublic };
  }
  if (head === 'compare') return parseCompare(rest, now, isPublic);
  if (head === 'reconcile' || head === 'budget') return parseOptionalName(head, rest, now, isPublic);
  if (!(head in NAMED)) {
    const suggestion = suggest(head, SUBCOMMANDS);
    return invalid(
      `I don't know "${head}".${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Try \`help\`.`,
    );
  }

  const kind = head as Named;
  const { noun, example, hint } = NAMED[kind];
  const periodText =
    rest.length > 1 || (rest.length === 1 && looksLikePeriod(rest[0] ?? '')) ? rest.at(-1) : undefined;
  const nameWords = periodText === undefined ? rest : rest.slice(0, -1);
  if (nameWords.length === 0) return invalid(`Which ${noun}? ${hint}`);
  if (nameWords.length > 1) {
    return invalid(`A ${noun} name is one word; "${nameWords.join(' ')}" is not. Try \`${example} 7d\`.`);
  }
  const period = parsePeriod(periodText ?? DEFAULT_PERIOD, now);
  if ('error' in period) return invalid(period.error);
  return { kind, name: (nameWords[0] ?? '').toLowerCase(), period, public: isPublic };
}

/** `compare <team|feature> [period] [to <model>...]`. */
function parseCompare(rest: string[], now: number, isPublic: boolean): Command {
  const invalid = (message: string): Command => ({ kind: 'invalid', message, public: isPublic });
  const toAt = rest.findIndex((word) => word.toLowerCase() === 'to');
  const head = toAt === -1 ? rest : rest.slice(0, toAt);
  const to = toAt === -1 ? [] : rest.slice(toAt + 1).map((word) => word.replace(/,$/, '').toLowerCase());
  if (toAt !== -1 && to.length === 0) {
    return invalid('`to` needs at least one model, e.g. `compare search 30d to gpt-5.4 gemini-2.5-pro`.');
  }
  const [name, periodText, ...extra] = head;
  if (name === undefined) return invalid('Which team or feature? Try `compare search 30d`.');
  if (extra.length > 0 || (periodText !== undefined && !looksLikePeriod(periodText))) {
    return invalid(
      `\`compare\` takes one team or feature, a period and \`to <model>...\`; "${head.join(' ')}" is not that. Try \`compare search 30d to gpt-5.4\`.`,
    );
  }
  const period = parsePeriod(periodText ?? DEFAULT_PERIOD, now);
  if ('error' in period) return invalid(period.error);
  return { kind: 'compare', name: name.toLowerCase(), period, to, public: isPublic };
}

/** `reconcile [provider] [period]`, `budget [team] [period]` and `budget <team> set <usd>`. */
function parseOptionalName(
  head: 'reconcile' | 'budget',
  rest: string[],
  now: number,
  isPublic: boolean,
): Command {
  const invalid = (message: string): Command => ({ kind: 'invalid', message, public: isPublic });
  if (head === 'budget' && rest[1]?.toLowerCase() === 'set') {
    const [team = '', , amount, ...extra] = rest;
    if (amount === undefined || extra.length > 0) {
      return invalid('Say the monthly budget in dollars, e.g. `budget search set 25000`.');
    }
    const cleaned = amount.replace(/^\$/, '').replaceAll(',', '');
    let micros: number;
    try {
      micros = parseDecimalMicros(cleaned);
    } catch {
      return invalid(`"${amount}" is not an amount in dollars. Try \`budget ${team} set 25000\`.`);
    }
    if (micros < 0) return invalid('A budget cannot be negative. Try `budget search set 25000`.');
    return { kind: 'budget_set', team: team.toLowerCase(), usd: cleaned, micros, public: isPublic };
  }
  const periodText = rest.length > 0 && looksLikePeriod(rest.at(-1) ?? '') ? rest.at(-1) : undefined;
  const names = periodText === undefined ? rest : rest.slice(0, -1);
  const noun = head === 'reconcile' ? 'provider' : 'team';
  if (names.length > 1) {
    return invalid(
      `\`${head}\` takes at most one ${noun}; "${names.join(' ')}" is more. Try \`${head} ${head === 'reconcile' ? 'openai' : 'search'} 30d\`.`,
    );
  }
  const defaultPeriod = head === 'budget' ? 'mtd' : DEFAULT_PERIOD;
  const period = parsePeriod(periodText ?? defaultPeriod, now);
  if ('error' in period) return invalid(period.error);
  const name = names[0]?.toLowerCase();
  if (head === 'reconcile')
    return { kind: 'reconcile', ...(name === undefined ? {} : { provider: name }), period, public: isPublic };
  return { kind: 'budget', ...(name === undefined ? {} : { team: name }), period, public: isPublic };
}
