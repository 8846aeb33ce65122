import { type CostExplorerClient, GetDimensionValuesCommand } from '@aws-sdk/client-cost-explorer';
import { isoDay } from '../../../core/period.js';
import type { StreamWindow } from '../../paged-stream.js';
import { costSchemaError } from './cost-schema-error.js';
import { BEDROCK_EDITION_SUFFIX } from './marketplace-service-family.js';

/**
 * The exact names of the Marketplace services that billed Bedrock models in the window, from
 * GetDimensionValues. Every SERVICE value is listed and the suffix checked here, because how the
 * service matches `SearchString` is not documented.
 */
export async function resolveMarketplaceServices(
  client: CostExplorerClient,
  window: StreamWindow,
): Promise<string[]> {
  const names = new Set<string>();
  const tokens = new Set<string>();
  let token: string | undefined;
  do {
    const output = await client.send(
      new GetDimensionValuesCommand({
        TimePeriod: { Start: isoDay(window.start), End: isoDay(window.end) },
        Dimension: 'SERVICE',
        Context: 'COST_AND_USAGE',
        ...(token === undefined ? {} : { NextPageToken: token }),
      }),
    );
    for (const { Value } of output.DimensionValues ?? []) {
      if (Value?.endsWith(BEDROCK_EDITION_SUFFIX)) names.add(Value);
    }
    token = output.NextPageToken || undefined;
    // A repeated token would loop forever and cost $0.01 a turn.
    if (token !== undefined && tokens.has(token)) {
      throw costSchemaError('GetDimensionValues', '$.NextPageToken', `a token it sent before (${token})`);
    }
    if (token !== undefined) tokens.add(token);
  } while (token !== undefined);
  return [...names].sort();
}
