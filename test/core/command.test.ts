import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/command.js';

const now = Date.UTC(2026, 10, 29, 19, 20) / 1000;

describe('parseCommand', () => {
  it.each(['', 'help', '  HELP ', '?'])('%j asks for help', (text) => {
    expect(parseCommand(text, now)).toEqual({ kind: 'help', public: false });
  });

  it('reads `team search 7d public` as team search over 7 days, posted publicly', () => {
    const command = parseCommand('team Search 7d public', now);
    expect(command).toMatchObject({ kind: 'team', team: 'search', public: true, period: { label: '7d' } });
  });

  it('defaults the period to 30d', () => {
    expect(parseCommand('team all', now)).toMatchObject({
      kind: 'team',
      team: 'all',
      period: { label: '30d' },
    });
  });

  it.each([
    ['team', /Which team/],
    ['team search nonsense', /"nonsense" is not a period/],
    ['team search and more 7d', /one word/],
    ['tem search', /Did you mean `team`/],
    ['xyzzy', /I don't know "xyzzy"\. Try `help`/],
  ])('%j gets a helpful answer', (text, message) => {
    const command = parseCommand(text, now);
    expect(command.kind).toBe('invalid');
    expect(command.kind === 'invalid' && command.message).toMatch(message);
  });

  it.each(['quota', 'budget search', 'reconcile openai'])(
    '%j is a known command that is not available yet',
    (text) => {
      expect(parseCommand(text, now)).toMatchObject({ kind: 'not_yet', subcommand: text.split(' ')[0] });
    },
  );
});
