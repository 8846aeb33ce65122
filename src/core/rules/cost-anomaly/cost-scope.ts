/**
 * What a cost series adds up: the whole org, one team, one feature of a team, one provider (source id:
 * `anthropic`, `openai`, `bedrock`…) or one canonical model family.
 */
export type CostScope =
  | { kind: 'org' }
  | { kind: 'team'; team: string }
  | { kind: 'feature'; team: string; feature: string }
  | { kind: 'provider'; provider: string }
  | { kind: 'model'; model: string };

/** A stable text key for a scope: `org`, `team=search`, `feature=search/ask-docs`, `provider=bedrock`. */
export function scopeKey(scope: CostScope): string {
  switch (scope.kind) {
    case 'org':
      return 'org';
    case 'team':
      return `team=${scope.team}`;
    case 'feature':
      return `feature=${scope.team}/${scope.feature}`;
    case 'provider':
      return `provider=${scope.provider}`;
    case 'model':
      return `model=${scope.model}`;
  }
}

/** How people name a scope in a sentence: `search`, `search / ask-docs`, `anthropic`, `all teams`. */
export function scopeName(scope: CostScope): string {
  switch (scope.kind) {
    case 'org':
      return 'all teams';
    case 'team':
      return scope.team;
    case 'feature':
      return `${scope.team} / ${scope.feature}`;
    case 'provider':
      return scope.provider;
    case 'model':
      return scope.model;
  }
}
