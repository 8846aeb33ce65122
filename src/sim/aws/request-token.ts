import { createHash } from 'node:crypto';

/**
 * A continuation token bound to the request it continues: the offset reached and a digest of the
 * request body without its `tokenField`, so a token replayed with another request can be refused.
 */
export function encodeRequestToken(
  offset: number,
  body: Record<string, unknown>,
  tokenField: string,
): string {
  return Buffer.from(JSON.stringify({ offset, request: digest(body, tokenField) })).toString('base64url');
}

/**
 * The offset the request continues from: 0 without a token, `'foreign'` for a token this simulator
 * did not issue, `'changed'` for one issued to a request with other parameters.
 */
export function decodeRequestToken(
  body: Record<string, unknown>,
  tokenField: string,
): number | 'foreign' | 'changed' {
  const token = body[tokenField];
  if (token === undefined || token === null) return 0;
  if (typeof token !== 'string') return 'foreign';
  let decoded: { offset?: unknown; request?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return 'foreign';
  }
  if (typeof decoded.offset !== 'number' || !Number.isSafeInteger(decoded.offset) || decoded.offset < 0) {
    return 'foreign';
  }
  return decoded.request === digest(body, tokenField) ? decoded.offset : 'changed';
}

function digest(body: Record<string, unknown>, tokenField: string): string {
  const { [tokenField]: _, ...rest } = body;
  return createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
