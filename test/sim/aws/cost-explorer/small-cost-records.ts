import type { BedrockCostRecord } from '../../../../src/sim/scenario-types.js';

export const DAY = 86_400;
/** Three billed days: 2026-11-25, -26 and -27 (UTC). */
export const FIRST_DAY = Date.UTC(2026, 10, 25) / 1000;
/** 2026-11-29T12:00Z: the 27th is still `Estimated`, the 25th and 26th are not. */
export const NOW = Date.UTC(2026, 10, 29, 12) / 1000;
export const BEDROCK = 'Amazon Bedrock';
export const SONNET = 'Claude Sonnet 4.5 (Amazon Bedrock Edition)';
export const HAIKU = 'Claude 3 Haiku (Amazon Bedrock Edition)';
export const EC2 = 'Amazon Elastic Compute Cloud - Compute';
export const ACCOUNTS = ['111122223333', '444455556666'] as const;

type Row = Pick<BedrockCostRecord, 'service' | 'usageType' | 'linkedAccount' | 'region' | 'tags'>;

const ROWS: Row[] = [
  {
    service: SONNET,
    usageType: 'USE1-MP:USE1_InputTokenCount-Units',
    linkedAccount: ACCOUNTS[0],
    region: 'us-east-1',
    tags: { team: 'search' },
  },
  {
    service: SONNET,
    usageType: 'USE1-MP:USE1_OutputTokenCount-Units',
    linkedAccount: ACCOUNTS[0],
    region: 'us-east-1',
    tags: { team: 'search' },
  },
  {
    service: SONNET,
    usageType: 'USW2-MP:USW2_InputTokenCount-Units',
    linkedAccount: ACCOUNTS[1],
    region: 'us-west-2',
    tags: { team: 'data' },
  },
  {
    service: SONNET,
    usageType: 'USE1-MP:USE1_OutputTokenCount-Units',
    linkedAccount: ACCOUNTS[0],
    region: 'us-east-1',
    tags: {},
  },
  {
    service: HAIKU,
    usageType: 'USE1-MP:USE1_InputTokenCount-Units',
    linkedAccount: ACCOUNTS[1],
    region: 'us-east-1',
    tags: { team: 'search' },
  },
  {
    service: BEDROCK,
    usageType: 'USE1-NovaPro-input-tokens',
    linkedAccount: ACCOUNTS[1],
    region: 'us-east-1',
    tags: { team: 'data' },
  },
  {
    service: BEDROCK,
    usageType: 'USW2-NovaPro-output-tokens',
    linkedAccount: ACCOUNTS[0],
    region: 'us-west-2',
    tags: {},
  },
  {
    service: EC2,
    usageType: 'USE1-BoxUsage:m7g.large',
    linkedAccount: ACCOUNTS[0],
    region: 'us-east-1',
    tags: { team: 'search' },
  },
];

/** Bedrock cost rows of three days over two accounts, tagged team=search, team=data and untagged, plus one EC2 row. */
export function smallCostRecords(): BedrockCostRecord[] {
  const records: BedrockCostRecord[] = [];
  for (let d = 0; d < 3; d += 1) {
    ROWS.forEach((row, r) => {
      records.push({
        ...row,
        day: FIRST_DAY + d * DAY,
        billingEntity: row.service.endsWith('(Amazon Bedrock Edition)') ? 'AWS Marketplace' : 'AWS',
        amountMicros: 1_234_567 * (r + 1) + 10_007 * d + 3,
        usageQuantity: 1_000 * (r + 1) + d,
      });
    });
  }
  return records;
}

/** Sum of the Bedrock (not EC2) amounts of one day. */
export function bedrockMicrosOn(records: readonly BedrockCostRecord[], day: number): number {
  return records
    .filter((record) => record.day === day && record.service !== EC2)
    .reduce((total, record) => total + record.amountMicros, 0);
}
