import type { Expression, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { BEDROCK_EDITION_SUFFIX } from './marketplace-service-family.js';

/** The SERVICE that bills first-party and most open-weight Bedrock models. */
export const BEDROCK_SERVICE = 'Amazon Bedrock';

/**
 * Bedrock spend: the `Amazon Bedrock` service and the Marketplace services that bill third-party
 * models such as Claude. With `marketplaceServices` (exact names, resolved beforehand) the filter
 * uses EQUALS only, which GetCostAndUsage documents for dimensions; without them it asks for
 * SERVICE ENDS_WITH "(Amazon Bedrock Edition)", which the API reference does not allow for
 * dimensions and the service may reject with a ValidationException.
 */
export function bedrockCostFilter(marketplaceServices?: readonly string[]): Expression {
  if (marketplaceServices !== undefined) {
    return { Dimensions: { Key: 'SERVICE', Values: [BEDROCK_SERVICE, ...marketplaceServices] } };
  }
  return {
    Or: [
      { Dimensions: { Key: 'SERVICE', Values: [BEDROCK_SERVICE] } },
      {
        And: [
          { Dimensions: { Key: 'BILLING_ENTITY', Values: ['AWS Marketplace'] } },
          {
            Dimensions: {
              Key: 'SERVICE',
              Values: [BEDROCK_EDITION_SUFFIX.trim()],
              MatchOptions: ['ENDS_WITH'],
            },
          },
        ],
      },
    ],
  };
}

/** By the primary cost allocation tag and service when a tag is configured, else by service and account. */
export function bedrockCostGroupBy(primaryTag: string | undefined): GroupDefinition[] {
  return primaryTag === undefined
    ? [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      ]
    : [
        { Type: 'TAG', Key: primaryTag },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ];
}
