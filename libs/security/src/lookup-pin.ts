import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The citizen's lookup PIN (docs/reference/api-contract.md, POST /cases): 8 characters drawn uniformly at random from an
 * alphabet without the look-alikes 0/O, 1/I/L — 31 symbols, about 40 bits. It is returned once and
 * stored only as a salted scrypt hash bound to the case (`lookupPinHash` in the case's events), so
 * neither the event store nor its history nor a backup holds anything that opens the lookup without
 * a search of scrypts per case. Nothing here keeps or logs the PIN.
 *
 * New hashes are `scrypt-v2` (N = 1024, r = 8: about 1/16 of the work of `scrypt-v1`'s N = 16384,
 * a few milliseconds instead of ~50 per registration); `scrypt-v1` hashes keep verifying. Why the
 * lighter cost is enough: docs/citizens.md ("How the PIN is kept").
 */
export const LOOKUP_PIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_PIN_LENGTH = 8;

/** The schemes by prefix: v2 hashes every new PIN, v1 (the first) is still verified. */
const SCHEMES = {
  'scrypt-v1': { N: 16384, r: 8, p: 1 },
  'scrypt-v2': { N: 1024, r: 8, p: 1 },
} as const satisfies Record<string, ScryptOptions>;
type Scheme = keyof typeof SCHEMES;
const CURRENT: Scheme = 'scrypt-v2';
const KEY_LENGTH = 32;

const scryptAsync = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** A new random PIN. */
export function generateLookupPin(): string {
  let pin = '';
  for (let i = 0; i < LOOKUP_PIN_LENGTH; i++)
    pin += LOOKUP_PIN_ALPHABET[randomInt(LOOKUP_PIN_ALPHABET.length)];
  return pin;
}

/**
 * What a citizen typed, in canonical form: upper case, spaces and hyphens removed; null when it
 * cannot be a PIN (wrong length or a character outside the alphabet).
 */
export function normaliseLookupPin(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const pin = input.toUpperCase().replace(/[\s-]/g, '');
  if (pin.length !== LOOKUP_PIN_LENGTH) return null;
  for (const ch of pin) if (!LOOKUP_PIN_ALPHABET.includes(ch)) return null;
  return pin;
}

/** `scrypt-v2$<salt>$<hash>` (base64url) of the PIN bound to the case id. */
export async function hashLookupPin(caseId: string, pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(`${caseId}\n${pin}`, salt, SCHEMES[CURRENT]);
  return `${CURRENT}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const DUMMY_SALT = randomBytes(16);

/**
 * True when `input` is the PIN whose hash is `stored`. Costs the same whatever the input and the
 * hash: one scrypt of each scheme, the one the hash names for real and the others on a dummy salt
 * (also for a malformed PIN, a missing hash or an unknown case, when `stored` is null), so that the
 * answer's timing tells neither a wrong PIN from an unknown tracking code nor an older case's hash
 * from a newer one's.
 */
export async function verifyLookupPin(
  caseId: string,
  input: unknown,
  stored: string | null,
): Promise<boolean> {
  const pin = normaliseLookupPin(input);
  const parts = stored?.split('$');
  const scheme = parts?.length === 3 && Object.hasOwn(SCHEMES, parts[0]) ? (parts[0] as Scheme) : null;
  const secret = `${caseId}\n${pin ?? 'invalid'}`;
  const keys = await Promise.all(
    (Object.keys(SCHEMES) as Scheme[]).map(async (s) => ({
      scheme: s,
      key: await scryptAsync(
        secret,
        s === scheme ? Buffer.from(parts![1], 'base64url') : DUMMY_SALT,
        SCHEMES[s],
      ),
    })),
  );
  if (!pin || !scheme) return false;
  const key = keys.find((k) => k.scheme === scheme)!.key;
  const expected = Buffer.from(parts![2], 'base64url');
  return expected.length === key.length && timingSafeEqual(expected, key);
}
