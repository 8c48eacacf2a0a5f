/**
 * `node --import ./dist/libs/runtime/src/tracing/register.js <entry>`: starts OpenTelemetry tracing
 * before the application's modules load, when it is configured (tracing.ts). Otherwise it does
 * nothing and loads nothing. The npm start scripts and the image's commands use it.
 */
import { register } from 'node:module';
import { basename } from 'node:path';

if (
  (process.env.OTEL_SDK_DISABLED ?? '').toLowerCase() !== 'true' &&
  (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
) {
  // ES modules are instrumented through import-in-the-middle's loader, told only about the modules
  // the instrumentations hook (pg, express, http).
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const { startTracing } = await import('./tracing.js');
  const entry = process.argv[1] ?? '';
  const role = entry.includes('/worker/')
    ? 'worker'
    : entry.includes('/api/')
      ? 'api'
      : basename(entry, '.js');
  startTracing({
    serviceName: process.env.OTEL_SERVICE_NAME ?? (role === 'main' ? 'donthu' : `donthu-${role}`),
  });
  await waitForAllMessagesAcknowledged();
}
