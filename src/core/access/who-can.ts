import { SLACK_ID } from '../alerts/alert-message.js';
import type { Refusal } from './access-types.js';

const NO_ADMINS = 'No admins are configured yet: add user ids to `admins` in ai-spend.yml.';

/**
 * A polite refusal naming who can: "Only the search team and admins (<@U0ADMIN>) can see search's
 * spend." `team` is left out for things only admins may do.
 */
export function refuse(admins: readonly string[], { team, can }: { team?: string; can: string }): Refusal {
  const mentions = admins.filter((id) => SLACK_ID.test(id));
  const named = admins.map((id) => (SLACK_ID.test(id) ? `<@${id}>` : id)).join(', ');
  const who = team === undefined ? 'admins' : `the ${team} team and admins`;
  const list = admins.length > 0 ? ` (${named})` : '';
  const reason = `Only ${who}${list} can ${can}.${admins.length > 0 ? '' : ` ${NO_ADMINS}`}`;
  return { allowed: false, reason, mentions };
}
