import { describe, expect, it } from 'vitest';
import { meterModel } from '../../../../src/collectors/azure/cost/meter-model.js';

describe('meterModel', () => {
  it('drops the 4-digit version and the rest of the meter', () => {
    expect(meterModel('gpt-4o-mini-0718 Inp glbl Tokens')).toBe('gpt-4o-mini');
    expect(meterModel('gpt-4o-0806 Outp glbl 1K Tokens')).toBe('gpt-4o');
  });

  it('drops a dated version', () => {
    expect(meterModel('gpt-4.1-2025-04-14 Outp Data Zone Tokens')).toBe('gpt-4.1');
  });

  it('names no model for a provisioned unit meter', () => {
    expect(meterModel('Provisioned Managed Global Unit')).toBeUndefined();
  });
});
