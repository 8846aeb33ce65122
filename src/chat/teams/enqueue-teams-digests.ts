import type { AiSpendConfig } from '../../config/config-types.js';
import { digestWeeks } from '../../core/digest/digest-weeks.js';
import { isoDay } from '../../core/period.js';
import type { MessageView } from '../../core/views/message-view.js';
import type { Outbox } from '../../store/outbox-store.js';

/**
 * Puts this week's Teams digests in the outbox: each team's to its `teams_channel`, the
 * organisation's to `msteams.default_channel`. The key names the team, the week and the channel, so
 * a rerun enqueues nothing twice; delivery, retries and 429s are the outbox's. Returns how many
 * were new.
 */
export function enqueueTeamsDigests({
  outbox,
  config,
  digestOf,
  now,
}: {
  outbox: Outbox;
  config: Pick<AiSpendConfig, 'teams' | 'msteams'>;
  /** The digest message of a team, or of `all`. */
  digestOf: (team: string) => MessageView;
  now: number;
}): number {
  const week = isoDay(digestWeeks(now).start);
  const recipients = [
    ...Object.values(config.teams).flatMap((team) =>
      team.teamsChannel === undefined ? [] : [{ team: team.name, channel: team.teamsChannel }],
    ),
    ...(config.msteams.defaultChannel === undefined
      ? []
      : [{ team: 'all', channel: config.msteams.defaultChannel }]),
  ];
  let created = 0;
  for (const { team, channel } of recipients) {
    const dedupeKey = `digest|msteams|${team}|${week}|${channel}`;
    if (
      outbox.enqueue({ dedupeKey, platform: 'msteams', channel, payload: { view: digestOf(team) }, now })
        .created
    ) {
      created += 1;
    }
  }
  return created;
}
