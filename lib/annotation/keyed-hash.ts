import { createHmac } from 'node:crypto';

/**
 * Maps a key to a number in [0, 1) with HMAC-SHA256 keyed by the seed. It depends on nothing but
 * (seed, key), so it is identical across runs, machines and Node versions, and adding other
 * records can never change it: the basis of splits that are stable as a dataset grows.
 * 48 bits of the digest are used (exactly representable in a double).
 */
export function unitHash(seed: string, key: string): number {
  const d = createHmac('sha256', seed).update(key, 'utf8').digest();
  return d.readUIntBE(0, 6) / 2 ** 48;
}
