/** The public surface of libs/runtime: other libraries and the apps import it from here, never by a deep path. */
export { loadBusinessCalendar } from './calendar-files.js';
export { loadConfig, loadSecrets, type OidcSettings } from './config.js';
export { createEventTypeRegistry } from './event-types.js';
export { type CommandOutcome, Metrics, secondsSince, streamCategory } from './metrics.js';
export { loadRuleOverrides } from './rule-overrides.js';
export { createRuntime, type Runtime } from './runtime.js';
export {
  currentTraceparent,
  linksTo,
  shutdownTracing,
  traceFields,
  tracer,
} from './tracing/trace-context.js';
