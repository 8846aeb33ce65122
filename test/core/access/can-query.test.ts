import { describe, expect, it } from 'vitest';
import type { Asker } from '../../../src/core/access/access-types.js';
import { canQuery, type QuerySubject } from '../../../src/core/access/can-query.js';
import { querySubject } from '../../../src/core/access/query-subject.js';
import { parseCommand } from '../../../src/core/command.js';

const member: Asker = { userId: 'U0ALICE', visibility: 'team', admins: ['U0ADMIN'], userTeams: ['search'] };
const admin: Asker = { ...member, userId: 'U0ADMIN', userTeams: [] };
const open: Asker = { ...member, visibility: 'open' };

describe('canQuery', () => {
  it.each<[string, Asker, QuerySubject, boolean]>([
    ['open: a member sees another team', open, { kind: 'team', name: 'ranking' }, true],
    ['open: a member sees team all', open, { kind: 'team', name: 'all' }, true],
    ['open: a member sees a provider', open, { kind: 'provider', name: 'bedrock' }, true],
    ['team: a member sees their own team', member, { kind: 'team', name: 'search' }, true],
    ['team: a member is refused another team', member, { kind: 'team', name: 'ranking' }, false],
    ['team: a member is refused team all', member, { kind: 'team', name: 'all' }, false],
    ['team: a member is refused team unallocated', member, { kind: 'team', name: 'unallocated' }, false],
    ['team: a member is refused a provider', member, { kind: 'provider', name: 'bedrock' }, false],
    ['team: a member is refused a model', member, { kind: 'model', name: 'gpt-5.4' }, false],
    ['team: a member sees quota', member, { kind: 'quota' }, true],
    ['team: a member sees latency', member, { kind: 'latency' }, true],
    ['team: an admin in no team sees another team', admin, { kind: 'team', name: 'ranking' }, true],
    ['team: an admin sees team all', admin, { kind: 'team', name: 'all' }, true],
    ['team: an admin sees a model', admin, { kind: 'model', name: 'gpt-5.4' }, true],
  ])('%s', (_name, asker, subject, allowed) => {
    expect(canQuery(asker, subject).allowed).toBe(allowed);
  });

  it('refuses another team politely, naming the team and the 1 admin who can', () => {
    expect(canQuery(member, { kind: 'team', name: 'ranking' })).toEqual({
      allowed: false,
      reason: "Only the ranking team and admins (<@U0ADMIN>) can see ranking's spend.",
      mentions: ['U0ADMIN'],
    });
  });

  it('names 2 admins for org-wide views and points at the own team', () => {
    const decision = canQuery(
      { ...member, admins: ['U0ADMIN', 'U0BOSS'] },
      { kind: 'provider', name: 'bedrock' },
    );
    expect(decision).toEqual({
      allowed: false,
      reason:
        'Only admins (<@U0ADMIN>, <@U0BOSS>) can see org-wide views such as `provider bedrock`; try `team <your team>`.',
      mentions: ['U0ADMIN', 'U0BOSS'],
    });
  });

  it('tells someone in no team how to get one', () => {
    const decision = canQuery({ ...member, userTeams: [] }, { kind: 'team', name: 'search' });
    expect(decision.allowed ? '' : decision.reason).toBe(
      "Only the search team and admins (<@U0ADMIN>) can see search's spend. You are not in any team yet: ask an admin to add you as a manager of a team in ai-spend.yml.",
    );
  });

  it('says how to configure admins when there are none', () => {
    const decision = canQuery({ ...member, admins: [] }, { kind: 'team', name: 'all' });
    expect(decision).toEqual({
      allowed: false,
      reason:
        'Only admins can see `team all`. No admins are configured yet: add user ids to `admins` in ai-spend.yml.',
      mentions: [],
    });
  });
});

describe('querySubject', () => {
  const now = Date.UTC(2026, 10, 24) / 1000;
  it.each([
    ['team search 7d', { kind: 'team', name: 'search' }],
    ['team all mtd public', { kind: 'team', name: 'all' }],
    ['provider bedrock', { kind: 'provider', name: 'bedrock' }],
    ['model gpt-5.4', { kind: 'model', name: 'gpt-5.4' }],
    ['quota', { kind: 'quota' }],
    ['latency 14d', { kind: 'latency' }],
    ['help', undefined],
    ['tema search', undefined],
  ])('"%s" looks at %j', (text, subject) => {
    expect(querySubject(parseCommand(text, now))).toEqual(subject);
  });
});
