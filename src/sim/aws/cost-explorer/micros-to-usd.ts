/**
 * Renders integer micro-dollars as Cost Explorer's decimal `Amount` string, exactly and without
 * trailing zeros: 12_345_678 → "12.345678", 1_500_000 → "1.5", -250_000 → "-0.25", 0 → "0".
 */
export function microsToUsd(amountMicros: number): string {
  const sign = amountMicros < 0 ? '-' : '';
  const abs = BigInt(Math.abs(amountMicros));
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
