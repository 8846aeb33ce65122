/**
 * Renders integer micro-dollars as the JSON number OpenAI's costs endpoint sends (`12.34`), going
 * through the exact decimal text so no float arithmetic blurs the amount.
 */
export function microsToDollars(amountMicros: number): number {
  if (!Number.isSafeInteger(amountMicros)) throw new RangeError(`not integer micro-dollars: ${amountMicros}`);
  const sign = amountMicros < 0 ? '-' : '';
  const magnitude = Math.abs(amountMicros);
  const whole = Math.floor(magnitude / 1_000_000);
  const fraction = String(magnitude % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return Number(fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`);
}
