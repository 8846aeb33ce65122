import { describe, expect, it } from 'vitest';
import { mapFocusRow, NOT_AI_REASON } from '../../../src/collectors/focus/map-focus-row.js';

const MAY_1 = Date.UTC(2025, 4, 1) / 1000;
const JUNE_1 = Date.UTC(2025, 5, 1) / 1000;
const DAY = 86_400;

/** A FOCUS 1.3-style row of Claude served by a cloud, as the spec's csp_served_third_party_model example. */
function row(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BilledCost: '2.25',
    EffectiveCost: '2.10',
    BillingAccountId: 'acct-1001',
    BillingCurrency: 'USD',
    BillingPeriodStart: '2025-05-01T00:00:00Z',
    BillingPeriodEnd: '2025-06-01T00:00:00Z',
    ChargeCategory: 'Usage',
    ChargeClass: '',
    ChargeDescription: 'Input tokens consumed by Solora Jupiter',
    ChargePeriodStart: '2025-05-14T13:00:00Z',
    ServiceCategory: 'AI and Machine Learning',
    ServiceName: 'Aura Web Foundry',
    ServiceProviderName: 'Aura Web',
    HostProviderName: 'Aura Web',
    SubAccountId: 'proj-support',
    RegionId: 'eastus2',
    ResourceId: '/subscriptions/s1/accounts/foundry-1',
    SkuId: 'aura-web.solora-jupiter-5-input',
    SkuPriceDetails: '{"ModelId":"aura-web.solora-jupiter-5","TokenDirection":"Input"}',
    Tags: '{"team": "support", "user:feature": "triage", "cost": 12, "nested": {"a": 1}, "gone": null}',
    ...overrides,
  };
}

describe('mapFocusRow', () => {
  it('maps an AI row to a billed line on the UTC day of ChargePeriodStart with FOCUS dimensions', () => {
    const outcome = mapFocusRow(row());
    expect(outcome).toEqual({
      kind: 'fact',
      period: { accountId: 'acct-1001', start: MAY_1, end: JUNE_1 },
      notes: ['tag "nested" is not a flat value: left out'],
      fact: {
        day: MAY_1 + 13 * DAY,
        lineItem: 'Aura Web Foundry · Usage · Input tokens consumed by Solora Jupiter',
        amount: '2.25',
        provider: 'Aura Web',
        datedIntoPeriod: false,
        dims: {
          source: 'focus',
          accountId: 'acct-1001',
          projectId: 'proj-support',
          model: 'aura-web.solora-jupiter-5',
          region: 'eastus2',
          tags: { cost: '12', team: 'support', 'user:feature': 'triage' },
          labels: {
            provider: 'Aura Web',
            host: 'Aura Web',
            service: 'Aura Web Foundry',
            resource: '/subscriptions/s1/accounts/foundry-1',
          },
          billingScope: 'Aura Web|acct-1001',
        },
      },
    });
  });

  it('reads FOCUS 1.0 ProviderName/PublisherName, NULL cells and EffectiveCost when asked', () => {
    const outcome = mapFocusRow(
      row({
        ServiceProviderName: '',
        HostProviderName: 'NULL',
        ProviderName: 'AWS',
        PublisherName: 'Anthropic',
        SkuPriceDetails: '',
        SkuId: 'USE1-Claude3.5Sonnet-input-tokens',
        RegionId: 'NULL',
        RegionName: 'us-east-1',
        Tags: '',
      }),
      { costColumn: 'EffectiveCost' },
    );
    if (outcome.kind !== 'fact') throw new Error(outcome.reason);
    expect(outcome.fact.amount).toBe('2.10');
    expect(outcome.fact.dims).toMatchObject({
      model: 'claude3.5sonnet',
      region: 'us-east-1',
      labels: { provider: 'AWS', host: 'Anthropic', service: 'Aura Web Foundry' },
      billingScope: 'AWS|acct-1001',
    });
    expect(outcome.fact.dims.tags).toBeUndefined();
  });

  it('skips a Compute row but still reports its billing period (it is replaced as a whole)', () => {
    expect(mapFocusRow(row({ ServiceCategory: 'Compute' }))).toEqual({
      kind: 'skipped',
      reason: NOT_AI_REASON,
      period: { accountId: 'acct-1001', start: MAY_1, end: JUNE_1 },
    });
  });

  it('skips an Amazon Bedrock row a live source already collects, naming that source', () => {
    const skip = (cells: Record<string, string>) =>
      cells.ServiceName === 'Amazon Bedrock' ? 'bedrock' : undefined;
    expect(mapFocusRow(row({ ServiceName: 'Amazon Bedrock' }), { skip })).toMatchObject({
      kind: 'skipped',
      reason: 'already collected by bedrock',
    });
    expect(mapFocusRow(row(), { skip }).kind).toBe('fact');
  });

  it.each([
    [{ BillingCurrency: 'EUR' }, 'BillingCurrency EUR: only USD is supported'],
    [{ BilledCost: '12,50' }, 'BilledCost "12,50" is not a decimal amount'],
    [{ BilledCost: '' }, 'BilledCost is empty'],
    [
      { ChargePeriodStart: '2025-05-32T00:00:00Z' },
      'ChargePeriodStart "2025-05-32T00:00:00Z" is not a date-time',
    ],
    [{ ServiceProviderName: '' }, 'ServiceProviderName (or ProviderName) is empty'],
    [{ BillingAccountId: 'NULL' }, 'BillingAccountId is empty'],
    [
      { BillingPeriodEnd: '2025-05-01T00:00:00Z' },
      'BillingPeriodEnd 2025-05-01T00:00:00Z is not after BillingPeriodStart 2025-05-01T00:00:00Z',
    ],
  ])('reports %j as a problem: %s', (overrides, reason) => {
    expect(mapFocusRow(row(overrides))).toMatchObject({ kind: 'problem', reason });
  });

  it('keeps a credit negative and its own line item; a correction is marked in the line item', () => {
    const credit = mapFocusRow(
      row({ BilledCost: '-0.149', ChargeCategory: 'Credit', ChargeClass: 'Correction' }),
    );
    if (credit.kind !== 'fact') throw new Error(credit.reason);
    expect(credit.fact.amount).toBe('-0.149');
    expect(credit.fact.lineItem).toBe(
      'Aura Web Foundry · Credit · Input tokens consumed by Solora Jupiter · Correction',
    );
  });

  it('dates a charge from before its billing period on the first day of it, one from after on the last', () => {
    const early = mapFocusRow(row({ ChargePeriodStart: '2025-04-30T22:00:00Z' }));
    const late = mapFocusRow(row({ ChargePeriodStart: '2025-06-03T00:00:00Z' }));
    expect(early).toMatchObject({ kind: 'fact', fact: { day: MAY_1, datedIntoPeriod: true } });
    expect(late).toMatchObject({ kind: 'fact', fact: { day: JUNE_1 - DAY, datedIntoPeriod: true } });
  });

  it('imports a row with malformed Tags without tags and says so', () => {
    const outcome = mapFocusRow(row({ Tags: '{"team": support}' }));
    expect(outcome).toMatchObject({ kind: 'fact', notes: ['Tags is not valid JSON: imported without tags'] });
    if (outcome.kind === 'fact') expect(outcome.fact.dims.tags).toBeUndefined();
  });
});
