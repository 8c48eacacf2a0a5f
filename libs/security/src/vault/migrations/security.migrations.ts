import { CreateApiKeys1760000019160 } from '../../api-keys/migrations/1760000019160-create-api-keys.js';
import { CreateVault1760000001000 } from './1760000001000-create-vault.js';

/** Migrations of libs/security, in order. Add them to the application's DataSource. */
export const SECURITY_MIGRATIONS = [CreateVault1760000001000, CreateApiKeys1760000019160];
