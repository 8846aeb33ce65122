import { describe, expect, it } from 'vitest';
import { skuModel } from '../../../../src/collectors/vertex/billing/sku-model.js';

describe('skuModel', () => {
  it.each([
    ['Gemini 2.5 Pro Input Tokens', 'gemini-2.5-pro'],
    ['Gemini 2.5 Pro Cached Input Tokens', 'gemini-2.5-pro'],
    ['Gemini 2.5 Flash Output Tokens', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash Lite Input Tokens', 'gemini-2.5-flash-lite'],
    ['Gemini 2.5 Flash-Lite Text Input - Predictions', 'gemini-2.5-flash-lite'],
    ['Gemini 2.0 Flash Text Output - Predictions', 'gemini-2.0-flash'],
    ['Gemini 3 Pro Input Tokens', 'gemini-3-pro'],
    ['Claude Sonnet 4.5 Input Tokens', 'claude-sonnet-4-5'],
    ['Claude Sonnet 4.5 Cache Read Input Tokens', 'claude-sonnet-4-5'],
    ['Claude Opus 4 Output Tokens', 'claude-opus-4'],
    ['Claude Opus 4.1 Output Tokens', 'claude-opus-4-1'],
    ['Claude Haiku 4.5 Input Tokens', 'claude-haiku-4-5'],
    ['Claude 3.5 Sonnet v2 Input Tokens', 'claude-3-5-sonnet-v2'],
    ['Claude 3.7 Sonnet Output Tokens', 'claude-3-7-sonnet'],
  ])('reads %s as %s', (description, model) => {
    expect(skuModel(description)).toBe(model);
  });

  it.each([
    'Vertex AI Online Prediction Endpoint Node Hours',
    'Grounding with Google Search Requests',
    'Custom Model Training n1-standard-4',
    'Standard Storage US Regional',
  ])('names no model for %s', (description) => {
    expect(skuModel(description)).toBeUndefined();
  });
});
