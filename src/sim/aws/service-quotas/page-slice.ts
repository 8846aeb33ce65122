/** One page of a listing and the opaque token of the next one (`undefined` on the last page). */
export interface PageSlice<T> {
  items: T[];
  nextToken: string | undefined;
}

const TOKEN_PREFIX = 'offset:';

/**
 * Cuts `items` into pages of `pageSize` for AWS-style `NextToken` paging. The token is opaque to
 * clients (base64url of an offset); `undefined` is returned for a token this helper did not issue,
 * so each protocol can answer with its own error.
 */
export function pageSlice<T>(
  items: readonly T[],
  { pageSize, nextToken }: { pageSize: number; nextToken: string | undefined },
): PageSlice<T> | undefined {
  let offset = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!decoded.startsWith(TOKEN_PREFIX)) return undefined;
    offset = Number(decoded.slice(TOKEN_PREFIX.length));
    if (!Number.isInteger(offset) || offset < 0 || offset > items.length) return undefined;
  }
  const end = offset + pageSize;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(`${TOKEN_PREFIX}${end}`).toString('base64url') : undefined,
  };
}
