import { AwsError } from '../aws-json-server.js';
import { decodeRequestToken, encodeRequestToken } from '../request-token.js';

/** The `NextPageToken` of a page that ends at `offset`, valid only for the same request. */
export function encodePageToken(offset: number, body: Record<string, unknown>): string {
  return encodeRequestToken(offset, body, 'NextPageToken');
}

/** The offset a request starts at: 0 without a token; a replayed token fails like Cost Explorer's. */
export function decodePageToken(body: Record<string, unknown>): number {
  const offset = decodeRequestToken(body, 'NextPageToken');
  if (offset === 'foreign')
    throw new AwsError('InvalidNextTokenException', 'The pagination token is invalid.');
  if (offset === 'changed') {
    throw new AwsError(
      'RequestChangedException',
      'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.',
    );
  }
  return offset;
}
