import { isAiSpendError } from '../../core/errors.js';
import { type FactDimensions, SECONDS_PER_DAY } from '../../core/facts.js';
import { parseDecimalMicros } from '../../core/money.js';
import type { FocusCostColumn } from './focus-columns.js';
import { cellText, parseFocusTime } from './focus-values.js';
import { parseFocusTags } from './parse-focus-tags.js';

/** One data row: cells by canonical FOCUS column name (see `readFocusHeader`). */
export type FocusCells = Readonly<Record<string, string>>;

/**
 * Drops a row that a live collector already reads (Amazon Bedrock through Cost Explorer, say):
 * returns the name of that source, or `undefined` to import the row.
 */
export type FocusSkip = (cells: FocusCells) => string | undefined;

/** The billing account and billing period `[start, end)` (UTC epoch seconds) a row was invoiced in. */
export interface FocusBillingPeriod {
  accountId: string;
  start: number;
  end: number;
}

/** A row's contribution to one billed line, before rows of the same line are added up. */
export interface FocusRowFact {
  dims: FactDimensions;
  /** UTC midnight of ChargePeriodStart, moved into the billing period when the charge lies outside it. */
  day: number;
  lineItem: string;
  /** The cost cell as written (a decimal string that `parseDecimalMicros` accepts). */
  amount: string;
  provider: string;
  /** The charge started outside its billing period (a late charge or correction) and was dated into it. */
  datedIntoPeriod: boolean;
}

export type FocusRowOutcome =
  | { kind: 'fact'; fact: FocusRowFact; period: FocusBillingPeriod; notes: string[] }
  | { kind: 'skipped'; reason: string; period?: FocusBillingPeriod }
  | { kind: 'problem'; reason: string; period?: FocusBillingPeriod };

export const AI_SERVICE_CATEGORY = 'AI and Machine Learning';
export const NOT_AI_REASON = `ServiceCategory is not "${AI_SERVICE_CATEGORY}"`;
/** Billing periods longer than this are refused: each of their days is replaced on import. */
const MAX_PERIOD_DAYS = 366;

/**
 * Maps one FOCUS row: AI rows (`ServiceCategory` "AI and Machine Learning") in USD become a billed
 * line; other rows are skipped; rows that cannot be read are problems with the reason. Every row
 * whose billing period can be read reports it, so that the import replaces that period as a whole.
 */
export function mapFocusRow(
  cells: FocusCells,
  { costColumn = 'BilledCost', skip }: { costColumn?: FocusCostColumn; skip?: FocusSkip } = {},
): FocusRowOutcome {
  const read = (column: string) => cellText(cells[column]);
  const billing = readBillingPeriod(read);
  const isAi = read('ServiceCategory')?.toLowerCase() === AI_SERVICE_CATEGORY.toLowerCase();
  const period = typeof billing === 'string' ? undefined : billing;
  if (!isAi) return { kind: 'skipped', reason: NOT_AI_REASON, period };
  const collectedBy = skip?.(cells);
  if (collectedBy !== undefined)
    return { kind: 'skipped', reason: `already collected by ${collectedBy}`, period };
  if (typeof billing === 'string') return { kind: 'problem', reason: billing };
  const problem = (reason: string): FocusRowOutcome => ({ kind: 'problem', reason, period: billing });

  const currency = read('BillingCurrency');
  if (currency?.toUpperCase() !== 'USD') {
    return problem(`BillingCurrency ${currency ?? '(empty)'}: only USD is supported`);
  }
  const amount = read(costColumn);
  if (amount === undefined) return problem(`${costColumn} is empty`);
  try {
    parseDecimalMicros(amount);
  } catch (error) {
    if (!isAiSpendError(error)) throw error;
    return problem(`${costColumn} ${JSON.stringify(amount)} is not a decimal amount`);
  }
  const chargeText = read('ChargePeriodStart');
  const chargeStart = chargeText === undefined ? undefined : parseFocusTime(chargeText);
  if (chargeStart === undefined) return problem(`ChargePeriodStart ${quoted(chargeText)} is not a date-time`);
  const provider = read('ServiceProviderName') ?? read('ProviderName');
  if (provider === undefined) return problem('ServiceProviderName (or ProviderName) is empty');
  const service = read('ServiceName');
  if (service === undefined) return problem('ServiceName is empty');
  const chargeCategory = read('ChargeCategory') ?? 'Charge';

  const notes: string[] = [];
  const tags = parseFocusTags(read('Tags'), notes);
  const host = read('HostProviderName') ?? read('PublisherName');
  const resource = read('ResourceId');
  const labels: Record<string, string> = { provider, service };
  if (host !== undefined) labels.host = host;
  if (resource !== undefined) labels.resource = resource;
  const dims: FactDimensions = {
    source: 'focus',
    accountId: billing.accountId,
    projectId: read('SubAccountId'),
    model: modelOf(read),
    region: read('RegionId') ?? read('RegionName'),
    tags,
    labels,
    billingScope: `${provider}|${billing.accountId}`,
  };
  for (const key of Object.keys(dims) as Array<keyof FactDimensions>) {
    if (dims[key] === undefined) delete dims[key];
  }
  const detail = read('ChargeDescription') ?? read('SkuId') ?? read('SkuMeter') ?? '(no description)';
  const correction = read('ChargeClass')?.toLowerCase() === 'correction' ? ' · Correction' : '';
  const chargeDay = dayOf(chargeStart);
  const firstDay = dayOf(billing.start);
  const lastDay = dayOf(billing.end - 1);
  const day = Math.min(Math.max(chargeDay, firstDay), lastDay);
  return {
    kind: 'fact',
    fact: {
      dims,
      day,
      lineItem: `${service} · ${chargeCategory} · ${detail}${correction}`,
      amount,
      provider,
      datedIntoPeriod: day !== chargeDay,
    },
    period: billing,
    notes,
  };
}

function readBillingPeriod(read: (column: string) => string | undefined): FocusBillingPeriod | string {
  const accountId = read('BillingAccountId');
  if (accountId === undefined) return 'BillingAccountId is empty';
  const startText = read('BillingPeriodStart');
  const start = startText === undefined ? undefined : parseFocusTime(startText);
  if (start === undefined) return `BillingPeriodStart ${quoted(startText)} is not a date-time`;
  const endText = read('BillingPeriodEnd');
  const end = endText === undefined ? undefined : parseFocusTime(endText);
  if (end === undefined) return `BillingPeriodEnd ${quoted(endText)} is not a date-time`;
  if (end <= start) return `BillingPeriodEnd ${endText} is not after BillingPeriodStart ${startText}`;
  if (end - start > MAX_PERIOD_DAYS * SECONDS_PER_DAY) {
    return `billing period ${startText} to ${endText} is longer than ${MAX_PERIOD_DAYS} days`;
  }
  return { accountId, start, end };
}

const MODEL_NAME =
  /\b((?:[a-z]+\.)?(?:claude|gpt|o1|o3|o4|gemini|llama|mistral|mixtral|titan|nova|command|deepseek|jamba|grok|qwen|text-embedding)[a-z0-9.:_-]*)/i;
const TOKEN_SUFFIX = /[-_. ]?(input|output|cache|cached)([-_. ].*)?$/i;

/** The model a row bills: SkuPriceDetails' ModelId (FOCUS 1.1+), else a model name in the SKU or resource. */
function modelOf(read: (column: string) => string | undefined): string | undefined {
  const details = read('SkuPriceDetails');
  if (details !== undefined) {
    try {
      const parsed: unknown = JSON.parse(details);
      const modelId = (parsed as { ModelId?: unknown } | null)?.ModelId;
      if (typeof modelId === 'string' && modelId.trim() !== '') return modelId.trim();
    } catch {
      // Not JSON: fall through to the SKU and resource names.
    }
  }
  for (const column of ['SkuMeter', 'SkuId', 'ResourceName']) {
    const match = MODEL_NAME.exec(read(column) ?? '');
    if (match?.[1]) return match[1].replace(TOKEN_SUFFIX, '').toLowerCase();
  }
  return undefined;
}

function dayOf(time: number): number {
  return Math.floor(time / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

function quoted(text: string | undefined): string {
  return text === undefined ? '(empty)' : JSON.stringify(text);
}
