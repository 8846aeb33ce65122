import type { BedrockCostRecord } from '../../scenario-types.js';
import { AwsError } from '../aws-json-server.js';
import { parseCeDate } from './ce-date.js';
import { compileFilter, dimensionReader, type MatchOptionPolicy } from './filter-expression.js';
import { decodePageToken, encodePageToken } from './page-token.js';

const DEFAULT_MAX_RESULTS = 1_000;

/**
 * Answers GetDimensionValues (context COST_AND_USAGE): the distinct values of one dimension among
 * the records of the period that pass `Filter`, sorted. `SearchString` matches anywhere in the
 * value, ignoring case (the real service's exact search semantics are not documented).
 */
export function getDimensionValues(
  body: Record<string, unknown>,
  { costs, policy }: { costs: readonly BedrockCostRecord[]; policy: MatchOptionPolicy },
): unknown {
  const period = (body.TimePeriod ?? {}) as Record<string, unknown>;
  const start = parseCeDate(period.Start, 'TimePeriod.Start');
  const end = parseCeDate(period.End, 'TimePeriod.End');
  if (start >= end) {
    throw new AwsError('ValidationException', 'Start date (and hour) should be before end date (and hour)');
  }
  if (body.Context !== undefined && body.Context !== 'COST_AND_USAGE') {
    throw new AwsError(
      'ValidationException',
      `Context ${String(body.Context)} is not supported by this simulator`,
    );
  }
  const read = dimensionReader(body.Dimension);
  const filter =
    body.Filter === undefined || body.Filter === null ? () => true : compileFilter(body.Filter, policy);
  const search = typeof body.SearchString === 'string' ? body.SearchString.toLowerCase() : '';
  const values = new Set<string>();
  for (const record of costs) {
    if (record.day < start || record.day >= end || !filter(record)) continue;
    const value = read(record);
    if (value.toLowerCase().includes(search)) values.add(value);
  }
  const sorted = [...values].sort();
  const maxResults =
    typeof body.MaxResults === 'number' && body.MaxResults > 0 ? body.MaxResults : DEFAULT_MAX_RESULTS;
  const offset = decodePageToken(body);
  const page = sorted.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return {
    DimensionValues: page.map((value) => ({ Value: value, Attributes: {} })),
    ReturnSize: page.length,
    TotalSize: sorted.length,
    ...(next < sorted.length ? { NextPageToken: encodePageToken(next, body) } : {}),
  };
}
