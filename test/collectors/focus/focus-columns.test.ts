import { describe, expect, it } from 'vitest';
import { readFocusHeader } from '../../../src/collectors/focus/focus-columns.js';
import { AiSpendError } from '../../../src/core/errors.js';

const BASE = [
  'BilledCost',
  'EffectiveCost',
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargeCategory',
  'ServiceCategory',
  'ServiceName',
];

describe('readFocusHeader', () => {
  it.each([
    ['1.0', [...BASE, 'ProviderName', 'PublisherName', 'Tags']],
    ['1.1', [...BASE, 'ProviderName', 'SkuMeter', 'SkuPriceDetails']],
    ['1.2', [...BASE, 'ProviderName', 'SkuMeter', 'InvoiceId', 'PricingCurrency']],
    ['1.3', [...BASE, 'ProviderName', 'ServiceProviderName', 'HostProviderName']],
    ['1.4', [...BASE, 'ServiceProviderName', 'HostProviderName']],
    ['1.4', [...BASE, 'ProviderName', 'ServiceProviderName', 'CommitmentProgramEligibilityDetails']],
  ])('detects FOCUS %s from the columns present', (version, header) => {
    expect(readFocusHeader(header).version).toBe(version);
  });

  it('matches column names case-insensitively and reports 1 unknown and 2 x_ columns apart', () => {
    const header = readFocusHeader([
      ...BASE.map((name) => name.toLowerCase()),
      'providername',
      'Id',
      'x_UsageType',
      'x_Discounts',
    ]);
    expect(header.columns.slice(0, 3)).toEqual(['BilledCost', 'EffectiveCost', 'BillingAccountId']);
    expect(header.columns).toContain('ProviderName');
    expect(header.unusedColumns).toEqual(['Id']);
    expect(header.providerColumns).toEqual(['x_UsageType', 'x_Discounts']);
  });

  it('names every missing column of a file that is not FOCUS, with a hint', () => {
    const error = catchError(() => readFocusHeader(['lineItem/UnblendedCost', 'BillingAccountId']));
    expect(error).toBeInstanceOf(AiSpendError);
    expect(error.code).toBe('input_invalid');
    expect(error.message).toBe(
      'not a FOCUS Cost and Usage file: missing columns BillingCurrency, BillingPeriodStart, BillingPeriodEnd, ' +
        'ChargePeriodStart, ChargeCategory, ServiceCategory, ServiceName, BilledCost, ' +
        'ServiceProviderName (or ProviderName before FOCUS 1.3)',
    );
    expect(error.hint).toContain('FOCUS 1.0–1.4 Cost and Usage');
  });

  it('requires the chosen cost column: EffectiveCost missing fails only when it is asked for', () => {
    const header = [...BASE.filter((name) => name !== 'EffectiveCost'), 'ProviderName'];
    expect(readFocusHeader(header).version).toBe('1.0');
    expect(catchError(() => readFocusHeader(header, { costColumn: 'EffectiveCost' })).message).toBe(
      'not a FOCUS Cost and Usage file: missing column EffectiveCost',
    );
  });
});

function catchError(run: () => unknown): AiSpendError {
  try {
    run();
  } catch (error) {
    return error as AiSpendError;
  }
  throw new Error('expected an error');
}
