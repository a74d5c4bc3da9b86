/**
 * Stateless deterministic noise. Every value is a pure function of (seed, key, time): the same inputs always
 * give the same number, so a world (and every reading taken in it) can be replayed exactly from its seed.
 * No global state, no allocation beyond the returned number.
 */

const TWO_POW_32 = 4294967296;

/** murmur3's finaliser: spreads every input bit over all 32 output bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a string under a seed (murmur-style mixing per UTF-16 code unit). */
export function hashString(text: string, seed = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix32(h ^ text.length);
}

/** Hash of (seed, key, whole milliseconds). Times are split in two 32-bit halves so no bit is lost. */
function hashAt(seed: number, key: string, timeMs: number): number {
  const t = Math.floor(timeMs);
  const lo = t >>> 0;
  const hi = Math.floor(t / TWO_POW_32) >>> 0;
  let h = hashString(key, seed);
  h = fmix32((h ^ lo) >>> 0);
  return fmix32((h + Math.imul(hi ^ 0x27d4eb2f, 0x165667b1)) >>> 0);
}

/** Uniform value in [0, 1). */
export function uniform(seed: number, key: string, timeMs: number): number {
  return hashAt(seed, key, timeMs) / TWO_POW_32;
}

/** Standard normal value (Box-Muller over two independent uniforms derived from one hash). */
export function gaussian(seed: number, key: string, timeMs: number): number {
  const h = hashAt(seed, key, timeMs);
  const u1 = (h + 0.5) / TWO_POW_32; // never 0: log(0) would be -Infinity
  const u2 = fmix32(h ^ 0x68e31da4) / TWO_POW_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Slowly varying noise: standard normal values at knots `periodMs` apart, blended with a smoothstep in
 * between. Gives drifts (a room warming a little, clouds passing) that change smoothly with time, where
 * `gaussian` would jump at every millisecond.
 */
export function smoothGaussian(seed: number, key: string, timeMs: number, periodMs: number): number {
  const position = timeMs / periodMs;
  const knot = Math.floor(position);
  const f = position - knot;
  const blend = f * f * (3 - 2 * f);
  const a = gaussian(seed, key, knot);
  const b = gaussian(seed, key, knot + 1);
  return a + (b - a) * blend;
}
