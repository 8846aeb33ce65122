import { AwsError } from '../aws-json-server.js';

/**
 * `NextPageToken`s of the simulator: the offset of the next item and a fingerprint of the request
 * (without its token), so a token replayed with a changed request fails like Cost Explorer's.
 */
export function encodePageToken(offset: number, body: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ offset, request: fingerprint(body) })).toString('base64url');
}

/** The offset a request starts at: 0 without a token. */
export function decodePageToken(body: Record<string, unknown>): number {
  const token = body.NextPageToken;
  if (token === undefined || token === null) return 0;
  let decoded: { offset?: unknown; request?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    throw new AwsError('InvalidNextTokenException', 'The pagination token is invalid.');
  }
  if (typeof decoded.offset !== 'number' || !Number.isSafeInteger(decoded.offset) || decoded.offset < 0) {
    throw new AwsError('InvalidNextTokenException', 'The pagination token is invalid.');
  }
  if (decoded.request !== fingerprint(body)) {
    throw new AwsError(
      'RequestChangedException',
      'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.',
    );
  }
  return decoded.offset;
}

function fingerprint(body: Record<string, unknown>): string {
  const { NextPageToken: _, ...rest } = body;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
