const MODEL_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):\d*:([a-z-]+)\/(.+)$/;

/**
 * The model id an application inference profile copies, from the `models[].modelArn` Bedrock lists
 * for it:
 * - a system profile ARN (`…:inference-profile/us.anthropic.claude-…`) gives its id as is;
 * - foundation-model ARNs in one region give the model id (`anthropic.claude-…`): on-demand;
 * - foundation-model ARNs in several regions mean the profile copies a system cross-region
 *   profile, which the listing does not name: the prefix is rebuilt from the regions (all `us-*` →
 *   `us.`, all `eu-*` → `eu.`, Tokyo/Osaka → `jp.`, Sydney/Melbourne → `au.`, other `ap-*` →
 *   `apac.`, all `ca-*` → `ca.`, regions of several geographies → `global.`).
 * `undefined` when no ARN can be read.
 */
export function sourceModelId(modelArns: readonly string[]): string | undefined {
  const parsed = modelArns.flatMap((arn) => {
    const match = MODEL_ARN.exec(arn);
    return match ? [{ region: match[1] ?? '', kind: match[2] ?? '', resourceId: match[3] ?? '' }] : [];
  });
  const profile = parsed.find((model) => model.kind === 'inference-profile');
  if (profile !== undefined) return profile.resourceId;
  const first = parsed[0];
  if (first === undefined) return undefined;
  const regions = [...new Set(parsed.map((model) => model.region))];
  return regions.length > 1 ? `${geoPrefix(regions)}.${first.resourceId}` : first.resourceId;
}

const JP = new Set(['ap-northeast-1', 'ap-northeast-3']);
const AU = new Set(['ap-southeast-2', 'ap-southeast-4']);

function geoPrefix(regions: readonly string[]): string {
  const all = (test: (region: string) => boolean) => regions.every(test);
  if (all((region) => region.startsWith('us-gov-'))) return 'us-gov';
  if (all((region) => region.startsWith('us-') && !region.startsWith('us-gov-'))) return 'us';
  if (all((region) => region.startsWith('eu-'))) return 'eu';
  if (all((region) => region.startsWith('ca-'))) return 'ca';
  if (all((region) => JP.has(region))) return 'jp';
  if (all((region) => AU.has(region))) return 'au';
  if (all((region) => region.startsWith('ap-'))) return 'apac';
  return 'global';
}
