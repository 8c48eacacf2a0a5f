import {
  CASE_EVENT_TYPES,
  INSPECTION_EVENT_TYPES,
  RECEPTION_EVENT_TYPES,
  UNIT_EVENT_TYPES,
} from '../../domain/src/index.js';
import { EventTypeRegistry } from '../../event-store/src/index.js';

/** Events that are not part of a domain stream type: disclosures of identities, integrity anchors. */
export const PLATFORM_EVENT_TYPES = ['IdentityDisclosed', 'PersonErased', 'LetterErased'] as const;

/**
 * Every persisted event type with its schema version and upcasters. Reading an event of a type not
 * listed here fails loudly (UnknownEventType). A schema change adds a version and an upcaster here.
 */
export function createEventTypeRegistry(): EventTypeRegistry {
  return new EventTypeRegistry().registerAll([
    ...CASE_EVENT_TYPES,
    ...UNIT_EVENT_TYPES,
    ...RECEPTION_EVENT_TYPES,
    ...INSPECTION_EVENT_TYPES,
    ...PLATFORM_EVENT_TYPES,
  ]);
}
