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

  it.each([
    ['unit search 7d', { kind: 'unit', name: 'search', period: { label: '7d' } }],
    ['compare Search', { kind: 'compare', name: 'search', to: [], period: { label: '30d' } }],
    [
      'compare search mtd to gpt-5.4, gemini-2.5-pro',
      { kind: 'compare', name: 'search', to: ['gpt-5.4', 'gemini-2.5-pro'], period: { label: 'mtd' } },
    ],
    ['reconcile', { kind: 'reconcile', period: { label: '30d' } }],
    [
      'reconcile OpenAI last-month',
      { kind: 'reconcile', provider: 'openai', period: { label: 'last-month' } },
    ],
    ['budget', { kind: 'budget', period: { label: 'mtd' } }],
    ['budget search', { kind: 'budget', team: 'search', period: { label: 'mtd' } }],
    ['budget search set $25,000.50', { kind: 'budget_set', team: 'search', micros: 25_000_500_000 }],
  ])('reads %j', (text, expected) => {
    const command = parseCommand(text, now);
    expect(command).toMatchObject(expected);
    if (!('provider' in expected)) expect(command).not.toHaveProperty('provider');
  });

  it.each([
    ['compare', /Which team or feature/],
    ['compare search to', /needs at least one model/],
    ['compare search soon', /takes one team or feature/],
    ['budget search set', /monthly budget in dollars/],
    ['budget search set lots', /"lots" is not an amount/],
    ['budget search set -5', /cannot be negative/],
    ['reconcile openai anthropic', /at most one provider/],
  ])('explains what is wrong with %j', (text, message) => {
    const command = parseCommand(text, now);
    expect(command.kind).toBe('invalid');
    expect(command).toHaveProperty('message', expect.stringMatching(message));
  });

  it.each(['feature search', 'top teams'])('%j is a known command that is not available yet', (text) => {
    expect(parseCommand(text, now)).toMatchObject({ kind: 'not_yet', subcommand: text.split(' ')[0] });
  });
});
