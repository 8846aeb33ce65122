import { DEFAULT_PERIOD, looksLikePeriod, type Period, parsePeriod } from './period.js';
import { suggest } from './suggest.js';

/** Subcommands of the grammar that this version does not answer yet. */
const LATER = ['feature', 'top', 'budget', 'reconcile', 'compare', 'unit'] as const;

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
} as const;
type Named = keyof typeof NAMED;

/** Subcommands that take only a period. */
const PERIOD_ONLY = { quota: '7d', latency: '14d', alerts: '7d', anomalies: '7d' } as const;
type PeriodOnly = keyof typeof PERIOD_ONLY;

/** What `/ai-spend <text>` asks for, parsed from untrusted chat text. */
export type Command =
  | { kind: 'help'; public: boolean }
  | { kind: Named; name: string; period: Period; public: boolean }
  | { kind: PeriodOnly; period: Period; public: boolean }
  | { kind: 'not_yet'; subcommand: string; public: boolean }
  | { kind: 'invalid'; message: string; public: boolean };

const SUBCOMMANDS = ['help', ...Object.keys(NAMED), ...Object.keys(PERIOD_ONLY), ...LATER];

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
