/** Password hashes with scrypt (node:crypto): "scrypt$N$r$p$salt$hash", salt and hash base64. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP's scrypt parameters (Password Storage Cheat Sheet): N=2^17, r=8, p=1 — 128 MiB per hash. */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** Hashes made with a larger N are refused before deriving: a stored row must not cost gigabytes. */
const MAX_N = 2 ** 20;

/**
 * At most this many derivations at once: each holds 128 MiB, so a burst of sign-ins waits its turn
 * instead of taking the portal's memory (two: 256 MiB at most).
 */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  while (running >= MAX_PARALLEL) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below OWASP's cost, so it is
    // raised to just what these parameters need plus room for the library's own bookkeeping.
    const maxmem = 128 * n * r + 1024 * 1024;
    return await new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keylen, { N: n, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))));
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P, KEYLEN);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || n > MAX_N || r > 16 || p > 4) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(parts[4]!, 'base64'), n, r, p, expected.length);
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash was made at a lower cost than today's (re-hash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) < N || Number(r) !== R || Number(p) !== P;
}

/**
 * A hash of no password, verified for unknown or disabled accounts so that the answer takes as
 * long as for a real one and does not reveal which usernames exist. Same cost as real hashes.
 */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

/** A random password for demo accounts: 16 characters without look-alikes. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Minimal policy: at least 8 characters. Returns a Chinese message, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少需要 8 个字符';
  if (password.length > 1000) return '密码不能超过 1000 个字符';
  return null;
}
