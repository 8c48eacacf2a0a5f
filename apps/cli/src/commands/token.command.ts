import type { Command } from 'commander';
import { loadConfig, loadSecrets } from '../../../../libs/runtime/src/index.js';
import {
  signDevToken,
  DEFAULT_MAX_AGE_SEC,
  durationSeconds,
  ROLES,
  isRole,
} from '../../../../libs/security/src/index.js';

/** `donthu token --sub <id> --name <name> --role <role>… --unit <unitId>`: an HS256 token for local use. */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      'print a signed JWT for local use (HS256 with AUTH_JWT_SECRET, or the development secret in DATA_DIR)',
    )
    .requiredOption('--sub <id>', 'the person id (handlerId, personId, hostPersonId)')
    .option('--name <name>', 'display name')
    .requiredOption('--role <role...>', `one or more of ${ROLES.join(', ')}`)
    .option('--unit <unitId>', 'the unit (required except for admin)')
    .option('--expires-in <duration>', 'lifetime, e.g. 12h, 30m', '12h')
    .action(
      async (opts: { sub: string; name?: string; role: string[]; unit?: string; expiresIn: string }) => {
        const roles = opts.role
          .flatMap((r) => r.split(','))
          .map((r) => r.trim())
          .filter(Boolean);
        const bad = roles.filter((r) => !isRole(r));
        if (bad.length) {
          console.error(`unknown role(s): ${bad.join(', ')}; known: ${ROLES.join(', ')}`);
          process.exitCode = 2;
          return;
        }
        if (!opts.unit && !roles.includes('admin')) {
          console.error('--unit is required except for admin');
          process.exitCode = 2;
          return;
        }
        const config = loadConfig();
        const lifetime = durationSeconds(opts.expiresIn);
        const maxAge = config.auth.maxAgeSec ?? DEFAULT_MAX_AGE_SEC;
        if (lifetime === null || lifetime > maxAge) {
          console.error(
            `--expires-in must be a duration such as 12h or 30m, at most AUTH_JWT_MAX_AGE (${maxAge} s)`,
          );
          process.exitCode = 2;
          return;
        }
        const secrets = loadSecrets(config);
        const token = await signDevToken(
          {
            sub: opts.sub,
            name: opts.name ?? opts.sub,
            roles: roles.filter(isRole),
            ...(opts.unit ? { unitId: opts.unit } : {}),
          },
          secrets.jwtSecret,
          {
            expiresIn: lifetime,
            issuer: config.auth.issuer,
            audience: config.auth.audience,
          },
        );
        console.log(token);
      },
    );
}
