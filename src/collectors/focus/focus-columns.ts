import { AiSpendError } from '../../core/errors.js';

/** FOCUS specification versions the importer reads. */
export type FocusVersion = '1.0' | '1.1' | '1.2' | '1.3' | '1.4';

/** The column the imported amount is read from: the invoice figure, or the amortised one. */
export type FocusCostColumn = 'BilledCost' | 'EffectiveCost';

/** Cost and Usage columns by the version that introduced them (1.4 dropped ProviderName and PublisherName). */
const INTRODUCED: Record<FocusVersion, readonly string[]> = {
  '1.0': [
    'AvailabilityZone',
    'BilledCost',
    'BillingAccountId',
    'BillingAccountName',
    'BillingCurrency',
    'BillingPeriodEnd',
    'BillingPeriodStart',
    'ChargeCategory',
    'ChargeClass',
    'ChargeDescription',
    'ChargeFrequency',
    'ChargePeriodEnd',
    'ChargePeriodStart',
    'CommitmentDiscountCategory',
    'CommitmentDiscountId',
    'CommitmentDiscountName',
    'CommitmentDiscountStatus',
    'CommitmentDiscountType',
    'ConsumedQuantity',
    'ConsumedUnit',
    'ContractedCost',
    'ContractedUnitPrice',
    'EffectiveCost',
    'InvoiceIssuerName',
    'ListCost',
    'ListUnitPrice',
    'PricingCategory',
    'PricingQuantity',
    'PricingUnit',
    'ProviderName',
    'PublisherName',
    'RegionId',
    'RegionName',
    'ResourceId',
    'ResourceName',
    'ResourceType',
    'ServiceCategory',
    'ServiceName',
    'SkuId',
    'SkuPriceId',
    'SubAccountId',
    'SubAccountName',
    'Tags',
  ],
  '1.1': [
    'CapacityReservationId',
    'CapacityReservationStatus',
    'CommitmentDiscountQuantity',
    'CommitmentDiscountUnit',
    'ServiceSubcategory',
    'SkuMeter',
    'SkuPriceDetails',
  ],
  '1.2': [
    'BillingAccountType',
    'InvoiceId',
    'PricingCurrency',
    'PricingCurrencyContractedUnitPrice',
    'PricingCurrencyEffectiveCost',
    'PricingCurrencyListUnitPrice',
    'SubAccountType',
  ],
  '1.3': [
    'AllocatedMethodDetails',
    'AllocatedMethodId',
    'AllocatedResourceId',
    'AllocatedResourceName',
    'AllocatedTags',
    'ContractApplied',
    'HostProviderName',
    'ServiceProviderName',
  ],
  '1.4': [
    'CommitmentProgramEligibilityDetails',
    'CredentialDetails',
    'CredentialId',
    'InvoiceDetailId',
    'PrincipalId',
    'RequesterDetails',
  ],
};

const VERSIONS = Object.keys(INTRODUCED) as FocusVersion[];
const CANONICAL = new Map(
  VERSIONS.flatMap((version) => INTRODUCED[version].map((name) => [name.toLowerCase(), name])),
);
const VERSION_OF = new Map(VERSIONS.flatMap((version) => INTRODUCED[version].map((name) => [name, version])));

const REQUIRED = [
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargeCategory',
  'ServiceCategory',
  'ServiceName',
] as const;

/** What the header of a FOCUS file says. */
export interface FocusHeader {
  /** One name per column in file order: FOCUS columns in their canonical spelling, others as written. */
  columns: string[];
  /**
   * The earliest FOCUS version whose columns explain the header. Exports may leave optional columns
   * out, so this is a lower bound, not a declaration.
   */
  version: FocusVersion;
  /** Columns that are neither FOCUS columns nor `x_` provider columns: read, but not used. */
  unusedColumns: string[];
  /** Provider-specific `x_` columns, kept out of the facts. */
  providerColumns: string[];
}

/**
 * Reads a FOCUS Cost and Usage header. Names match case-insensitively (some exports lower-case
 * them). Throws `input_invalid` naming the missing columns when the file is not FOCUS.
 */
export function readFocusHeader(
  header: readonly string[],
  { costColumn = 'BilledCost' }: { costColumn?: FocusCostColumn } = {},
): FocusHeader {
  const columns = header.map((name) => CANONICAL.get(name.trim().toLowerCase()) ?? name.trim());
  const present = new Set(columns);
  const missing: string[] = [...REQUIRED, costColumn].filter((name) => !present.has(name));
  if (!present.has('ServiceProviderName') && !present.has('ProviderName')) {
    missing.push('ServiceProviderName (or ProviderName before FOCUS 1.3)');
  }
  if (missing.length > 0) {
    throw new AiSpendError(
      'input_invalid',
      `not a FOCUS Cost and Usage file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      {
        hint: 'export the FOCUS 1.0–1.4 Cost and Usage dataset (CSV, gzip CSV or Parquet) with its header row',
      },
    );
  }
  return {
    columns,
    version: detectVersion(present),
    unusedColumns: columns.filter((name) => !VERSION_OF.has(name) && !name.startsWith('x_')),
    providerColumns: columns.filter((name) => name.startsWith('x_')),
  };
}

function detectVersion(present: ReadonlySet<string>): FocusVersion {
  // 1.4 removed the deprecated ProviderName: its successor alone says 1.4.
  if (present.has('ServiceProviderName') && !present.has('ProviderName')) return '1.4';
  let version: FocusVersion = '1.0';
  for (const name of present) {
    const introduced = VERSION_OF.get(name);
    if (introduced !== undefined && introduced > version) version = introduced;
  }
  return version;
}
