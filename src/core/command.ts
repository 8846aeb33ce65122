import { DEFAULT_PERIOD, looksLikePeriod, type Period, parsePeriod } from './period.js';
import { suggest } from './suggest.js';

/** Subcommands of the grammar that this version does not answer yet. */
const LATER = [
  'feature',
  'provider',
  'model',
  'top',
  'quota',
  'latency',
  'alerts',
  'anomalies',
  'budget',
  'reconcile',
  'compare',
  'unit',
] as const;

/** What `/ai-spend <text>` asks for, parsed from untrusted chat text. */
export type Command =
  | { kind: 'help'; public: boolean }
  | { kind: 'team'; team: string; period: Period; public: boolean }
  | { kind: 'not_yet'; subcommand: string; public: boolean }
  | { kind: 'invalid'; message: string; public: boolean };

const SUBCOMMANDS = ['help', 'team', ...LATER];

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

  if (head === 'help' || head === '?') return { kind: 'help', public: isPublic };
  if ((LATER as readonly string[]).includes(head))
    return { kind: 'not_yet', subcommand: head, public: isPublic };
  if (head !== 'team') {
    const suggestion = suggest(head, SUBCOMMANDS);
    return {
      kind: 'invalid',
      message: `I don't know "${head}".${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Try \`help\`.`,
      public: isPublic,
    };
  }

  const periodText =
    rest.length > 1 || (rest.length === 1 && looksLikePeriod(rest[0] ?? '')) ? rest.at(-1) : undefined;
  const nameWords = periodText === undefined ? rest : rest.slice(0, -1);
  if (nameWords.length === 0) {
    return { kind: 'invalid', message: 'Which team? Try `team search` or `team all`.', public: isPublic };
  }
  if (nameWords.length > 1) {
    return {
      kind: 'invalid',
      message: `Team names are one word; "${nameWords.join(' ')}" is not. Try \`team ${nameWords[0]} 7d\`.`,
      public: isPublic,
    };
  }
  const period = parsePeriod(periodText ?? DEFAULT_PERIOD, now);
  if ('error' in period) return { kind: 'invalid', message: period.error, public: isPublic };
  return { kind: 'team', team: (nameWords[0] ?? '').toLowerCase(), period, public: isPublic };
}
