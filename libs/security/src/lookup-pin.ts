import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The citizen's lookup PIN (docs/reference/api-contract.md, POST /cases): 8 characters drawn uniformly at random from an
 * alphabet without the look-alikes 0/O, 1/I/L — 31 symbols, about 40 bits. It is returned once and
 * stored only as a salted scrypt hash bound to the case (`lookupPinHash` in the case's events), so
 * neither the event store nor its history nor a backup holds anything that opens the lookup without
 * an expensive search per case. Nothing here keeps or logs the PIN.
 */
export const LOOKUP_PIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_PIN_LENGTH = 8;

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const PREFIX = 'scrypt-v1';
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

/** `scrypt-v1$<salt>$<hash>` (base64url) of the PIN bound to the case id. */
export async function hashLookupPin(caseId: string, pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(`${caseId}\n${pin}`, salt, PARAMS);
  return `${PREFIX}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const DUMMY_SALT = randomBytes(16);

/**
 * True when `input` is the PIN whose hash is `stored`. Costs one scrypt whatever the input (also for
 * a malformed PIN, a missing hash or an unknown case, when `stored` is null), so that the answer's
 * timing does not tell a wrong PIN from an unknown tracking code.
 */
export async function verifyLookupPin(
  caseId: string,
  input: unknown,
  stored: string | null,
): Promise<boolean> {
  const pin = normaliseLookupPin(input);
  const parts = stored?.split('$');
  const wellFormed = parts?.length === 3 && parts[0] === PREFIX;
  const salt = wellFormed ? Buffer.from(parts[1], 'base64url') : DUMMY_SALT;
  const key = await scryptAsync(`${caseId}\n${pin ?? 'invalid'}`, salt, PARAMS);
  if (!pin || !wellFormed) return false;
  const expected = Buffer.from(parts[2], 'base64url');
  return expected.length === key.length && timingSafeEqual(expected, key);
}
