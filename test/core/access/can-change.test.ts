import { describe, expect, it } from 'vitest';
import { type ChangeSubject, canChange } from '../../../src/core/access/can-change.js';

const configuredTeams = ['search', 'ranking'];
const admins = ['U0ADMIN'];
const alice = { userId: 'U0ALICE', admins, userTeams: ['search'] };
const admin = { userId: 'U0ADMIN', admins, userTeams: [] };

describe('canChange', () => {
  it.each<[string, typeof alice, ChangeSubject, boolean]>([
    ["a member acts on their team's alert", alice, { kind: 'alert', team: 'search' }, true],
    ["a member is refused another team's alert", alice, { kind: 'alert', team: 'ranking' }, false],
    ['anyone acts on an unallocated alert', alice, { kind: 'alert', team: 'unallocated' }, true],
    ['anyone acts on an alert of a team only seen in data', alice, { kind: 'alert', team: 'ads' }, true],
    ["an admin acts on any team's alert", admin, { kind: 'alert', team: 'ranking' }, true],
    ['a member is refused budget set', alice, { kind: 'setting', command: 'budget set' }, false],
    ['an admin runs budget set', admin, { kind: 'setting', command: 'budget set' }, true],
  ])('%s', (_name, asker, subject, allowed) => {
    expect(canChange(asker, subject, { configuredTeams }).allowed).toBe(allowed);
  });

  it("refuses another team's alert naming the team and the admin", () => {
    expect(canChange(alice, { kind: 'alert', team: 'ranking' }, { configuredTeams })).toEqual({
      allowed: false,
      reason: "Only the ranking team and admins (<@U0ADMIN>) can act on ranking's alerts.",
      mentions: ['U0ADMIN'],
    });
  });

  it('refuses budget set to a member, saying only admins can', () => {
    const decision = canChange(alice, { kind: 'setting', command: 'budget set' }, { configuredTeams });
    expect(decision.allowed ? '' : decision.reason).toBe('Only admins (<@U0ADMIN>) can run `budget set`.');
  });

  it('does not depend on visibility: the same member is refused with open visibility too', () => {
    const openAsker = { ...alice, visibility: 'open' as const };
    expect(canChange(openAsker, { kind: 'alert', team: 'ranking' }, { configuredTeams }).allowed).toBe(false);
  });
});
