// Personal-data vault (envelope encryption, crypto-shredding)
export { PersonalDataVault, newPersonRef } from './vault/personal-data-vault.js';
export type { PersonalDataVaultOptions, VaultKeyUsage } from './vault/personal-data-vault.js';
export {
  KEY_BYTES,
  assertValidKeyring,
  createKeyring,
  generateMasterKey,
  keyIdOf,
  keyringFromEnv,
  parseMasterKey,
} from './vault/keyring.js';
export type { Keyring, MasterKeyInput } from './vault/keyring.js';
export { isSealed } from './vault/envelope.js';
export { VaultError } from './vault/vault-error.js';
export type { VaultErrorCode } from './vault/vault-error.js';
export { CreateVault1760000001000 } from './vault/migrations/1760000001000-create-vault.js';
export { SECURITY_MIGRATIONS } from './vault/migrations/security.migrations.js';

// Masking
export {
  DENUNCIATOR_MASK,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPetitioner,
  maskPetitioners,
  maskPhone,
} from './masking.js';
export type { MaskOptions, MaskedPetitioner, PetitionerIdentity } from './masking.js';

// Authentication and authorisation
export { AuthError, ForbiddenError } from './auth/auth-error.js';
export { authConfigFromEnv } from './auth/auth.config.js';
export type { AuthConfig } from './auth/auth.config.js';
export {
  JwtVerifier,
  MIN_HS_SECRET_BYTES,
  assertStrongSecret,
  bearerToken,
  principalFromClaims,
} from './auth/jwt-verifier.js';
export { generateHsSecret, signDevToken } from './auth/dev-token.js';
export type { DevTokenClaims, DevTokenOptions } from './auth/dev-token.js';
export {
  PERMISSIONS,
  ROLES,
  ROLE_PERMISSIONS,
  can,
  isRole,
  mayReadIdentities,
  permissionsOf,
  requirePermission,
  toActor,
} from './auth/roles.js';
export type { IdentityGuardFacts, Permission, Principal, Role } from './auth/roles.js';
export { inScope, scopeOf } from './auth/scope.js';
export type { SubtreeOf } from './auth/scope.js';

// Used by the other libraries and the apps.
export { type ApiKeyHolder, ApiKeyStore } from './api-keys/api-keys.js';
export { DEFAULT_MAX_AGE_SEC, durationSeconds } from './auth/auth.config.js';
export { generateLookupPin, hashLookupPin, normaliseLookupPin, verifyLookupPin } from './lookup-pin.js';
