import type { BedrockCostRecord } from '../../scenario-types.js';
import { AwsError } from '../aws-json-server.js';

/** Which `MatchOptions` GetCostAndUsage accepts in a filter. */
export type MatchOptionPolicy =
  /** As the API reference states: Dimensions take EQUALS; Tags and CostCategories also ABSENT. */
  | 'documented'
  /** Every option of the SDK's enum, for trying filters the real service may reject. */
  | 'all';

export type RecordPredicate = (record: BedrockCostRecord) => boolean;

const DIMENSIONS: Readonly<Record<string, (record: BedrockCostRecord) => string>> = {
  SERVICE: (record) => record.service,
  USAGE_TYPE: (record) => record.usageType,
  LINKED_ACCOUNT: (record) => record.linkedAccount,
  REGION: (record) => record.region,
  BILLING_ENTITY: (record) => record.billingEntity,
  RECORD_TYPE: (record) => (record.amountMicros < 0 ? 'Credit' : 'Usage'),
};

const ROOTS = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'] as const;
const MODES = ['ABSENT', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'EQUALS'] as const;
const KNOWN_OPTIONS = new Set<string>([
  ...MODES,
  'CASE_SENSITIVE',
  'CASE_INSENSITIVE',
  'GREATER_THAN_OR_EQUAL',
]);

/** How a record's value of a dimension key is read; throws the service's ValidationException for other keys. */
export function dimensionReader(key: unknown): (record: BedrockCostRecord) => string {
  const read = typeof key === 'string' ? DIMENSIONS[key] : undefined;
  if (read === undefined) {
    throw new AwsError(
      'ValidationException',
      `Dimension ${String(key)} is not allowed. Allowed values are: ${Object.keys(DIMENSIONS).join(', ')}`,
    );
  }
  return read;
}

/** Validates a filter `Expression` once and returns the predicate it stands for. */
export function compileFilter(expression: unknown, policy: MatchOptionPolicy): RecordPredicate {
  const node = asObject(expression);
  const roots = ROOTS.filter((root) => node[root] !== undefined && node[root] !== null);
  if (roots.length !== 1) {
    throw new AwsError(
      'ValidationException',
      'Expression has zero or more than one roots. Only one root operator is allowed for each expression: "and", "or", "not", "tag" or "dimensionValue"',
    );
  }
  const root = roots[0]!;
  switch (root) {
    case 'And':
    case 'Or': {
      const operands = node[root];
      if (!Array.isArray(operands) || operands.length === 0) {
        throw new AwsError('ValidationException', `${root} must list at least one expression`);
      }
      const parts = operands.map((operand) => compileFilter(operand, policy));
      return root === 'And'
        ? (record) => parts.every((part) => part(record))
        : (record) => parts.some((part) => part(record));
    }
    case 'Not': {
      const inner = compileFilter(node.Not, policy);
      return (record) => !inner(record);
    }
    case 'Dimensions': {
      const values = asObject(node.Dimensions);
      const read = dimensionReader(values.Key);
      const matches = valueMatcher(values, 'Dimensions', policy);
      return (record) => matches(read(record));
    }
    case 'Tags': {
      const values = asObject(node.Tags);
      if (typeof values.Key !== 'string' || values.Key === '') {
        throw new AwsError('ValidationException', 'Tags must name a Key');
      }
      const key = values.Key;
      const matches = valueMatcher(values, 'Tags', policy);
      return (record) => matches(record.tags[key] ?? '');
    }
    case 'CostCategories': {
      // No cost categories are defined in the simulated account: every record lacks them.
      const matches = valueMatcher(asObject(node.CostCategories), 'CostCategories', policy);
      return () => matches('');
    }
  }
}

function valueMatcher(
  node: Record<string, unknown>,
  kind: 'Dimensions' | 'Tags' | 'CostCategories',
  policy: MatchOptionPolicy,
): (value: string) => boolean {
  const options =
    node.MatchOptions === undefined || node.MatchOptions === null ? ['EQUALS'] : node.MatchOptions;
  if (!Array.isArray(options) || options.some((option) => !KNOWN_OPTIONS.has(String(option)))) {
    throw new AwsError('ValidationException', `Invalid MatchOptions: ${JSON.stringify(options)}`);
  }
  const allowed =
    policy === 'all'
      ? [...KNOWN_OPTIONS].filter((option) => option !== 'GREATER_THAN_OR_EQUAL')
      : kind === 'Dimensions'
        ? ['CASE_SENSITIVE', 'EQUALS']
        : ['CASE_SENSITIVE', 'EQUALS', 'ABSENT'];
  if (options.some((option) => !allowed.includes(String(option)))) {
    throw new AwsError(
      'ValidationException',
      `MatchOptions contain not allowed match option. Allowed MatchOptions:${allowed.join(', ')}`,
    );
  }
  const mode = MODES.find((candidate) => options.includes(candidate)) ?? 'EQUALS';
  if (mode === 'ABSENT') return (value) => value === '';
  const values = node.Values;
  if (!Array.isArray(values) || values.length === 0 || values.some((value) => typeof value !== 'string')) {
    throw new AwsError('ValidationException', `${kind} Values must list at least one string`);
  }
  const fold = options.includes('CASE_INSENSITIVE')
    ? (text: string) => text.toLowerCase()
    : (text: string) => text;
  const wanted = (values as string[]).map(fold);
  const test = {
    EQUALS: (value: string, candidate: string) => value === candidate,
    STARTS_WITH: (value: string, candidate: string) => value.startsWith(candidate),
    ENDS_WITH: (value: string, candidate: string) => value.endsWith(candidate),
    CONTAINS: (value: string, candidate: string) => value.includes(candidate),
  }[mode];
  return (value) => wanted.some((candidate) => test(fold(value), candidate));
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError('ValidationException', 'Expression must be an object');
  }
  return value as Record<string, unknown>;
}
