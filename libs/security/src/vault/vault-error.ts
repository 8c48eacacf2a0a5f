/** Stable codes of the personal-data vault. Messages never contain key material or plaintext. */
export type VaultErrorCode =
  /** A master key is missing, has the wrong length or is not valid base64. */
  | 'INVALID_KEY'
  /** A data key was wrapped by a master key that is not in the keyring (rotation not finished?). */
  | 'MASTER_KEY_MISSING'
  /** No data key exists for that person reference. */
  | 'KEY_NOT_FOUND'
  /** The person was erased (crypto-shredded); nothing can be sealed for them any more. */
  | 'PERSON_ERASED'
  /** A sealed value or wrapped key is not in the expected format. */
  | 'MALFORMED'
  /** Authentication failed: wrong key, wrong person reference (AAD) or tampered ciphertext. */
  | 'DECRYPT_FAILED';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}
