/** The parts of an ARM resource id that facts carry. */
export interface ArmResource {
  /** Lower-cased, as Cost Management returns it. */
  id: string;
  subscriptionId: string;
  resourceGroup: string | undefined;
  type: string;
  name: string;
}

const RESOURCE =
  /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?\/providers\/([^/]+\/[^/]+)\/([^/]+)$/;

/** Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}`; `undefined` otherwise. */
export function parseResourceId(text: string): ArmResource | undefined {
  const id = text.toLowerCase();
  const match = RESOURCE.exec(id);
  if (!match?.[1] || !match[3] || !match[4]) return undefined;
  return { id, subscriptionId: match[1], resourceGroup: match[2], type: match[3], name: match[4] };
}

/** The Cognitive Services account type, whose accounts hold Azure OpenAI and Foundry deployments. */
export const COGNITIVE_ACCOUNT_TYPE = 'microsoft.cognitiveservices/accounts';

/** `subscriptions/{id}` of a configured scope, when the scope is (inside) one subscription. */
export function scopeSubscription(scope: string): string | undefined {
  return /^\/?subscriptions\/([^/]+)/i.exec(scope)?.[1]?.toLowerCase();
}
