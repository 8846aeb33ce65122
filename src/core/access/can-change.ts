import { type AccessDecision, ALLOWED, type Asker } from './access-types.js';
import { refuse } from './who-can.js';

/**
 * A state-changing action. `alert`: Acknowledge / Snooze / Expected on an alert of `team`.
 * `setting`: a command that changes configuration or stored settings (`budget set`), named as said.
 */
export type ChangeSubject = { kind: 'alert'; team: string } | { kind: 'setting'; command: string };

/**
 * Whether the asker may change something, whatever the `visibility`. Alert buttons: members of
 * the alert's team and admins; an alert of a team nobody is configured for (`unallocated`, a team
 * only seen in data) has no members, so anyone who sees it may act on it. Settings: admins only.
 * `configuredTeams` are the team names in ai-spend.yml.
 */
export function canChange(
  asker: Pick<Asker, 'userId' | 'admins' | 'userTeams'>,
  subject: ChangeSubject,
  { configuredTeams }: { configuredTeams: readonly string[] },
): AccessDecision {
  if (asker.admins.includes(asker.userId)) return ALLOWED;
  if (subject.kind === 'setting') return refuse(asker.admins, { can: `run \`${subject.command}\`` });
  if (!configuredTeams.includes(subject.team) || asker.userTeams.includes(subject.team)) return ALLOWED;
  return refuse(asker.admins, { team: subject.team, can: `act on ${subject.team}'s alerts` });
}
