/** Who is asking, and what the config says about access. */
export interface Asker {
  /** Chat user id (Slack `U…`). */
  userId: string;
  /** `visibility` from ai-spend.yml: `open` (everyone sees every team) or `team` (own teams only). */
  visibility: 'open' | 'team';
  /** `admins` from ai-spend.yml: chat user ids who may see and change everything. */
  admins: readonly string[];
  /** The teams the asker belongs to (see `userTeams`). */
  userTeams: readonly string[];
}

/**
 * Whether an asker may do something. A refusal is a polite sentence naming who can; `mentions`
 * are the admin ids it mentions on purpose, for a renderer that restores mentions.
 */
export type AccessDecision = { allowed: true } | Refusal;

export interface Refusal {
  allowed: false;
  reason: string;
  mentions: string[];
}

export const ALLOWED: AccessDecision = { allowed: true };
