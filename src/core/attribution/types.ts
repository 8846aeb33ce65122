/**
 * Keys an attribution rule can match, exactly as written in ai-spend.yml. `tag.<key>` and
 * `label.<key>` match a tag or label of the fact.
 */
export const MATCH_KEYS = [
  'source',
  'account_id',
  'workspace_id',
  'project_id',
  'api_key_id',
  'user_id',
  'model',
  'region',
  'service_tier',
  'inference_profile',
  'deployment',
] as const;
export type PlainMatchKey = (typeof MATCH_KEYS)[number];
export type MatchKey = PlainMatchKey | `tag.${string}` | `label.${string}`;

/**
 * One ordered attribution rule: every key in `match` must hold (exact value or `*` glob). `team`
 * and `feature` may contain `{tag.x}`/`{label.x}`/`{model}`-style templates filled from the fact.
 */
export interface AttributionRule {
  match: Partial<Record<MatchKey, string>>;
  team: string;
  feature?: string;
}

/** The team spend nobody claimed lands on. Always shown, never hidden. */
export const UNALLOCATED = 'unallocated';
/** The feature of spend whose rule names no feature. */
export const NO_FEATURE = '(none)';
