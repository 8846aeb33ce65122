/**
 * A small seeded pseudo-random generator (mulberry32): 32-bit state, uniform floats in `[0, 1)`.
 * Deterministic across platforms because it uses only 32-bit integer arithmetic.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit seed from any list of parts (FNV-1a over their text). Keying every random draw by
 * (seed, workload, hour) keeps each hour's numbers independent of how many days are generated.
 */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator seeded from `parts`, see {@link hashSeed}. */
export function rngFor(...parts: readonly (string | number)[]): () => number {
  return mulberry32(hashSeed(...parts));
}
