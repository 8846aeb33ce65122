import { createHash } from 'node:crypto';
import { invalidNextToken } from './cloudwatch-errors.js';

/**
 * A continuation token: the offset reached and a fingerprint of the request it belongs to, so a
 * token replayed with a different request is refused as CloudWatch does.
 */
export function encodeNextToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ offset, fingerprint })).toString('base64url');
}

/** The offset a token continues from; 0 without a token. Throws `InvalidNextToken` for a foreign token. */
export function decodeNextToken(token: unknown, fingerprint: string): number {
  if (token === undefined || token === null) return 0;
  if (typeof token !== 'string') throw invalidNextToken();
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset?: unknown;
      fingerprint?: unknown;
    };
    if (
      typeof decoded.offset === 'number' &&
      Number.isInteger(decoded.offset) &&
      decoded.offset >= 0 &&
      decoded.fingerprint === fingerprint
    ) {
      return decoded.offset;
    }
  } catch {
    // Falls through to the same answer as a well-formed token of another request.
  }
  throw invalidNextToken();
}

/** A stable digest of a request body without its `NextToken`. */
export function requestFingerprint(body: Record<string, unknown>): string {
  const { NextToken: _, ...rest } = body;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}
