import { formatUsd } from '../money.js';

/** A token count for people: `950`, `12.3k`, `456M`, `1.25B`. */
export function formatTokens(tokens: number): string {
  const abs = Math.abs(tokens);
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${trim((tokens / size).toPrecision(3))}${suffix}`;
  }
  return String(Math.round(tokens));
}

/** A ratio as a signed percent change: 1.62 → `+62%`, 0.79 → `-21%`. */
export function percentChange(ratio: number): string {
  const percent = Math.round((ratio - 1) * 100);
  return `${percent >= 0 ? '+' : ''}${percent}%`;
}

/** A signed dollar change: `+$1,234.56`, `-$12.00`. */
export function signedUsd(micros: number): string {
  return micros < 0 ? formatUsd(micros) : `+${formatUsd(micros)}`;
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
