import { describe, expect, it } from 'vitest';
import { vertexModelId } from '../../../../src/collectors/vertex/monitoring/vertex-model-id.js';
import { modelFamily } from '../../../../src/core/model-family.js';

describe('vertexModelId', () => {
  it.each([
    ['claude-sonnet-4-5', '20250929', 'claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['gemini-2.5-pro', '', 'gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gemini-2.0-flash', '001', 'gemini-2.0-flash', 'gemini-2.0-flash'],
    ['claude-opus-4-1@20250805', '20250805', 'claude-opus-4-1@20250805', 'claude-opus-4-1'],
    [
      'llama-4-maverick-17b-128e-instruct-maas',
      'default',
      'llama-4-maverick-17b-128e-instruct-maas',
      'llama-4-maverick-17b-128e-instruct-maas',
    ],
  ])('model %s version "%s" is %s, of family %s', (userId, versionId, model, family) => {
    expect(vertexModelId(userId, versionId)).toBe(model);
    expect(modelFamily(vertexModelId(userId, versionId))).toBe(family);
  });
});
