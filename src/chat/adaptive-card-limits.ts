/**
 * What Teams accepts of an Adaptive Card. Teams renders schema 1.5 and below; a message may be
 * about 100 KB (the older and localized documentation says 40 KB, both measured as UTF-16), so a
 * card's JSON is kept under 20,000 characters: 40 KB of UTF-16 even if every character is ASCII.
 */
export const ADAPTIVE_CARD_LIMITS = {
  version: '1.5',
  /** `JSON.stringify(card).length`, a budget well under the strictest documented limit. */
  cardJsonChars: 20_000,
  /** One TextBlock; longer text is cut with "…". */
  textBlockChars: 2_000,
  /** FactSet facts per set. */
  facts: 20,
  /** Action.Execute buttons per card (Teams shows up to 6 actions in a row). */
  actions: 6,
  /** Plain-text fallback of the message activity. */
  fallbackText: 3_000,
} as const;

/** The Bot Framework attachment content type of an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Every rule the card breaks for Teams, one line each ("card: 21,304 chars of JSON, over 20,000");
 * empty when Teams will render it: version at most 1.5, within the size budget, no `Action.Http`,
 * every `Action.Execute` with a verb.
 */
export function adaptiveCardProblems(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push('card: type is not AdaptiveCard');
  const version = String(card.version ?? '');
  if (!/^1\.[0-5]$/.test(version)) problems.push(`card: version "${version}" is not 1.0-1.5`);
  const chars = JSON.stringify(card).length;
  if (chars > ADAPTIVE_CARD_LIMITS.cardJsonChars) {
    problems.push(
      `card: ${chars.toLocaleString('en-US')} chars of JSON, over ${ADAPTIVE_CARD_LIMITS.cardJsonChars.toLocaleString('en-US')}`,
    );
  }
  walk(card, '$', (node, where) => {
    if (node.type === 'Action.Http') problems.push(`${where}: Action.Http is not supported in Teams`);
    if (node.type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb === '')) {
      problems.push(`${where}: Action.Execute has no verb`);
    }
    if (node.type === 'TextBlock' && String(node.text ?? '').length > ADAPTIVE_CARD_LIMITS.textBlockChars) {
      problems.push(`${where}: TextBlock over ${ADAPTIVE_CARD_LIMITS.textBlockChars} chars`);
    }
  });
  return problems;
}

function walk(
  value: unknown,
  where: string,
  visit: (node: Record<string, unknown>, where: string) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${where}[${index}]`, visit);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  visit(node, where);
  for (const [key, child] of Object.entries(node)) walk(child, `${where}.${key}`, visit);
}
