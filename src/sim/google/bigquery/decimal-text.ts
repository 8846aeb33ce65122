const PICOS_PER_UNIT = 1_000_000_000_000n;

/** `-0.01543125` for -15_431_250_000n: an exact decimal of picounits (10^-12), trailing zeros dropped. */
export function picosToDecimal(picos: bigint): string {
  const sign = picos < 0n ? '-' : '';
  const magnitude = picos < 0n ? -picos : picos;
  const whole = magnitude / PICOS_PER_UNIT;
  const fraction = (magnitude % PICOS_PER_UNIT).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
