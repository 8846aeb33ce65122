/** An exact non-negative rational number: price multipliers (batch = 1/2, 12% off = 88/100). */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

export const ONE: Fraction = { numerator: 1n, denominator: 1n };
export const HALF: Fraction = { numerator: 1n, denominator: 2n };

const PLAIN_DECIMAL = /^(\d*)(?:\.(\d*))?$/;

/** `"1.1"` → 11/10, `"2"` → 2/1; `null` for anything but a plain non-negative decimal. */
export function fractionFromDecimal(text: string): Fraction | null {
  const match = PLAIN_DECIMAL.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null;
  return reduce({
    numerator: BigInt(`${whole}${fraction}` || '0'),
    denominator: 10n ** BigInt(fraction.length),
  });
}

/** `"12"` percent off → 88/100; `null` unless the text is a decimal in [0, 100]. */
export function fractionAfterPercentOff(percent: string): Fraction | null {
  const off = fractionFromDecimal(percent);
  if (!off || off.numerator > 100n * off.denominator) return null;
  return reduce({ numerator: 100n * off.denominator - off.numerator, denominator: 100n * off.denominator });
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return reduce({ numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator });
}

function reduce({ numerator, denominator }: Fraction): Fraction {
  const divisor = gcd(numerator, denominator);
  return divisor > 1n
    ? { numerator: numerator / divisor, denominator: denominator / divisor }
    : { numerator, denominator };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
