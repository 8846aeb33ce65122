/** The token kinds a Vertex model is billed by, one SKU each. */
export type VertexTokenKind = 'input' | 'output' | 'cachedInput';

/** A model's SKU naming and its simulator list prices, USD per million tokens as decimal text. */
export interface VertexSimModel {
  /** Service the SKUs bill under: Google's own models under `Vertex AI`, partner models apart. */
  service: { id: string; description: string };
  seller: string;
  transactionType: 'GOOGLE' | 'THIRD_PARTY_RESELLER';
  /** SKU description per token kind. */
  skus: Record<VertexTokenKind, { id: string; description: string }>;
  pricePerMillion: Record<VertexTokenKind, string>;
}

const VERTEX_AI = { id: 'C7E2-9256-1C43', description: 'Vertex AI' };

/** Fixed simulator prices by model family (`modelFamily` of the workload's model). */
export const VERTEX_SIM_MODELS: Readonly<Record<string, VertexSimModel>> = {
  'gemini-2.5-pro': {
    service: VERTEX_AI,
    seller: 'Google',
    transactionType: 'GOOGLE',
    skus: {
      input: { id: 'A121-E2B5-1418', description: 'Gemini 2.5 Pro Input Tokens' },
      output: { id: 'B2D5-5E8C-31AA', description: 'Gemini 2.5 Pro Output Tokens' },
      cachedInput: { id: 'C3F1-0D7A-82B4', description: 'Gemini 2.5 Pro Cached Input Tokens' },
    },
    pricePerMillion: { input: '1.25', output: '10', cachedInput: '0.125' },
  },
  'gemini-2.5-flash': {
    service: VERTEX_AI,
    seller: 'Google',
    transactionType: 'GOOGLE',
    skus: {
      input: { id: 'D410-6B2E-77C1', description: 'Gemini 2.5 Flash Input Tokens' },
      output: { id: 'E5A2-9C3F-10D8', description: 'Gemini 2.5 Flash Output Tokens' },
      cachedInput: { id: 'F6B3-1D4A-2E95', description: 'Gemini 2.5 Flash Cached Input Tokens' },
    },
    pricePerMillion: { input: '0.30', output: '2.50', cachedInput: '0.03' },
  },
  'claude-sonnet-4-5': {
    service: { id: '7A1B-3C2D-4E5F', description: 'Claude Sonnet 4.5' },
    seller: 'Anthropic',
    transactionType: 'THIRD_PARTY_RESELLER',
    skus: {
      input: { id: '18C4-2B7E-9F01', description: 'Claude Sonnet 4.5 Input Tokens' },
      output: { id: '29D5-3C8F-A012', description: 'Claude Sonnet 4.5 Output Tokens' },
      cachedInput: { id: '3AE6-4D90-B123', description: 'Claude Sonnet 4.5 Cache Read Input Tokens' },
    },
    pricePerMillion: { input: '3', output: '15', cachedInput: '0.30' },
  },
};
