import { describe, expect, it } from 'vitest';
import { decodeRequestToken, encodeRequestToken } from '../../../src/sim/aws/request-token.js';

const BODY = { Granularity: 'DAILY', GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] };

describe('request tokens', () => {
  it('continues at offset 40 for the same request, its keys in any order', () => {
    const token = encodeRequestToken(40, BODY, 'NextPageToken');
    expect(decodeRequestToken({ ...BODY, NextPageToken: token }, 'NextPageToken')).toBe(40);
    expect(
      decodeRequestToken(
        { GroupBy: [{ Key: 'SERVICE', Type: 'DIMENSION' }], NextPageToken: token, Granularity: 'DAILY' },
        'NextPageToken',
      ),
    ).toBe(40);
  });

  it.each<[string, unknown, number | string]>([
    ['no token', undefined, 0],
    ['a token of another request', encodeRequestToken(2, { Granularity: 'MONTHLY' }, 'NextToken'), 'changed'],
    ['a token it did not issue', 'bogus', 'foreign'],
    ['a token with a negative offset', Buffer.from('{"offset":-1}').toString('base64url'), 'foreign'],
    ['a number', 7, 'foreign'],
  ])('reads %s as %s', (_, token, expected) => {
    expect(decodeRequestToken({ Granularity: 'DAILY', NextToken: token }, 'NextToken')).toBe(expected);
  });
});
