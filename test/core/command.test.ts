import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/command.js';

const now = Date.UTC(2026, 10, 29, 19, 20) / 1000;

describe('parseCommand', () => {
  it.each(['', 'help', '  HELP ', '?'])('%j asks for help', (text) => {
    expect(parseCommand(text, now)).toEqual({ kind: 'help', public: false });
  });

  it('reads `team search 7d public` as team search over 7 days, posted publicly', () => {
    const command = parseCommand('team Search 7d public', now);
    expect(command).toMatchObject({ kind: 'team', name: 'search', public: true, period: { label: '7d' } });
  });

  it('defaults the period to 30d', () => {
    expect(parseCommand('team all', now)).toMatchObject({
      kind: 'team',
      name: 'all',
      period: { label: '30d' },
    });
  });

  it.each([
    ['team', /Which team/],
    ['team search nonsense', /"nonsense" is not a period/],
    ['team search and more 7d', /A team name is one word/],
    ['provider', /Which provider\?/],
    ['quota 7d extra', /takes only a period/],
    ['latency soon', /"soon" is not a period/],
    ['tem search', /Did you mean `team`/],
    ['xyzzy', /I don't know "xyzzy"\. Try `help`/],
  ])('%j gets a helpful answer', (text, message) => {
    const command = parseCommand(text, now);
    expect(command.kind).toBe('invalid');
    expect(command.kind === 'invalid' && command.message).toMatch(message);
  });

  it.each([
    ['provider Bedrock 7d', { kind: 'provider', name: 'bedrock', period: { label: '7d' } }],
    ['model claude-sonnet-4-5', { kind: 'model', name: 'claude-sonnet-4-5', period: { label: '30d' } }],
    ['quota', { kind: 'quota', period: { label: '7d' } }],
    ['latency 30d public', { kind: 'latency', period: { label: '30d' }, public: true }],
    ['alerts', { kind: 'alerts', period: { label: '7d' } }],
    ['anomalies 30d', { kind: 'anomalies', period: { label: '30d' } }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text, now)).toMatchObject(expected);
  });

  it.each(['budget search', 'reconcile openai', 'top teams'])(
    '%j is a known command that is not available yet',
    (text) => {
      expect(parseCommand(text, now)).toMatchObject({ kind: 'not_yet', subcommand: text.split(' ')[0] });
    },
  );
});
