import { type AccessDecision, ALLOWED, type Asker } from './access-types.js';
import { refuse } from './who-can.js';

/** What a read-only command looks at. `name` is the team, provider or model asked about. */
export interface QuerySubject {
  kind: 'team' | 'provider' | 'model' | 'quota' | 'latency';
  name?: string;
}

/** Team names that are not one team but the organisation: only admins see them under `team`. */
const ORG_WIDE_TEAMS = new Set(['all', 'unallocated']);

/**
 * Whether the asker may see a subject. Under `visibility: open` everyone sees everything. Under
 * `team`: a team's spend only by its members; org-wide views (`team all`, `team unallocated`,
 * `provider …`, `model …`, which list every team's spend) only by admins; `quota` and `latency`
 * are operational health everyone needs and stay open. Admins see everything.
 */
export function canQuery(asker: Asker, subject: QuerySubject): AccessDecision {
  if (asker.visibility === 'open' || asker.admins.includes(asker.userId)) return ALLOWED;
  switch (subject.kind) {
    case 'quota':
    case 'latency':
      return ALLOWED;
    case 'team': {
      const team = subject.name ?? '';
      if (ORG_WIDE_TEAMS.has(team)) return refuse(asker.admins, { can: `see \`team ${team}\`` });
      if (asker.userTeams.includes(team)) return ALLOWED;
      const refusal = refuse(asker.admins, { team, can: `see ${team}'s spend` });
      if (asker.userTeams.length > 0) return refusal;
      return { ...refusal, reason: `${refusal.reason} ${NOT_IN_A_TEAM}` };
    }
    case 'provider':
    case 'model':
      return refuse(asker.admins, {
        can: `see org-wide views such as \`${subject.kind}${subject.name ? ` ${subject.name}` : ''}\`; try \`team <your team>\``,
      });
  }
}

/** Said to someone who belongs to no team at all, so they know how to get one. */
export const NOT_IN_A_TEAM =
  'You are not in any team yet: ask an admin to add you as a manager of a team in ai-spend.yml.';
