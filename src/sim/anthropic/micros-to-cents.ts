const MICROS_PER_CENT = 10_000;

/**
 * Renders integer micro-dollars as the cost report's decimal string of cents, exactly:
 * 12_345_678 micros → "1234.5678", 2_500_000 → "250", -1 → "-0.0001".
 */
export function microsToCents(amountMicros: number): string {
  if (!Number.isSafeInteger(amountMicros)) {
    throw new RangeError(`not an integer number of micro-dollars: ${amountMicros}`);
  }
  const sign = amountMicros < 0 ? '-' : '';
  const magnitude = Math.abs(amountMicros);
  const whole = Math.floor(magnitude / MICROS_PER_CENT);
  const fraction = String(magnitude % MICROS_PER_CENT)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
