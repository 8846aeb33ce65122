import { decodeRequestToken, encodeRequestToken } from '../request-token.js';
import { invalidNextToken } from './cloudwatch-errors.js';

/** The `NextToken` of a page that ends at `offset`, valid only for the same request. */
export function encodeNextToken(offset: number, body: Record<string, unknown>): string {
  return encodeRequestToken(offset, body, 'NextToken');
}

/** The offset a request continues from; 0 without a token. Throws `InvalidNextToken` for any other token. */
export function decodeNextToken(body: Record<string, unknown>): number {
  const offset = decodeRequestToken(body, 'NextToken');
  if (typeof offset !== 'number') throw invalidNextToken();
  return offset;
}
