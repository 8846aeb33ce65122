import { modelFamily } from '../../../core/model-family.js';

/** The suffix of every AWS Marketplace service that bills a model used through Bedrock. */
export const BEDROCK_EDITION_SUFFIX = ' (Amazon Bedrock Edition)';

/**
 * The model family a Marketplace service bills, in the spelling of model ids, or `undefined` for
 * services that are not one (`Amazon Bedrock` itself bills many models under one name).
 * Marketplace names put Claude's version on either side of the tier; model ids put it after the
 * tier from Claude 4 on and before it until Claude 3.7: "Claude Sonnet 4.5" and "Claude 4.5 Sonnet"
 * are both `claude-sonnet-4-5`, "Claude 3 Haiku" is `claude-3-haiku`.
 */
export function marketplaceServiceFamily(service: string): string | undefined {
  if (!service.endsWith(BEDROCK_EDITION_SUFFIX)) return undefined;
  const words = service
    .slice(0, -BEDROCK_EDITION_SUFFIX.length)
    .trim()
    .toLowerCase()
    .split(/\s+/)
    // "Claude 3.5 Sonnet v2": the model revision is not part of the family.
    .filter((word) => word !== '' && !/^v\d+$/.test(word));
  if (words.length === 0) return undefined;
  if (words[0] === 'claude') {
    const version = words.find((word) => /^\d+(\.\d+)?$/.test(word));
    const names = words.slice(1).filter((word) => word !== version);
    if (version !== undefined && names.length > 0) {
      const dashed = version.replace('.', '-');
      return Number.parseInt(version, 10) >= 4
        ? ['claude', ...names, dashed].join('-')
        : ['claude', dashed, ...names].join('-');
    }
  }
  return modelFamily(words.join('-').replace(/\./g, '-'));
}
