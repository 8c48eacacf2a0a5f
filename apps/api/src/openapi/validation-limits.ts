import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/**
 * The validation limits of the request bodies, written into their schemas from the same
 * class-validator decorators the ValidationPipe enforces (so the document states what the server
 * refuses, and cannot drift from it): lengths, sizes, ranges, integers, patterns, enumerations, and
 * the business-date and instant formats.
 */

interface Metadata {
  type: string;
  name?: string;
  target: unknown;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  items?: Schema;
  description?: string;
};

/**
 * class-validator keeps its decorators' metadata per class in its global storage; the map is not part
 * of its typed surface, so it is read through this narrow view (an upgrade that renames it fails the
 * OpenAPI spec, which checks the limits of a known body).
 */
function metadataByClass(): Map<unknown, Metadata[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, Metadata[]> };
  return storage.validationMetadatas instanceof Map ? storage.validationMetadatas : new Map();
}

function apply(schema: Schema, m: Metadata): void {
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'maxLength':
      schema.maxLength = c[0];
      break;
    case 'minLength':
      schema.minLength = c[0];
      break;
    case 'isNotEmpty':
      if (schema.type === 'string') schema.minLength ??= 1;
      break;
    case 'max':
      schema.maximum = c[0];
      break;
    case 'min':
      schema.minimum = c[0];
      break;
    case 'isInt':
      schema.type = 'integer';
      break;
    case 'arrayMaxSize':
      schema.maxItems = c[0];
      break;
    case 'arrayMinSize':
      schema.minItems = c[0];
      break;
    case 'matches':
      if (c[0] instanceof RegExp && /^[u]*$/.test(c[0].flags)) schema.pattern = c[0].source;
      break;
    case 'isIn':
      if (Array.isArray(c[0])) schema.enum = c[0];
      break;
    case 'isBusinessDate':
      schema.type = 'string';
      schema.format = 'date';
      schema.description ??= 'a real date, YYYY-MM-DD, from 1990-01-01';
      break;
    case 'isInstant':
      schema.type = 'string';
      schema.format = 'date-time';
      break;
  }
}

/** Writes the limits into every component schema named after a validated class (in place). */
export function describeValidationLimits(doc: OpenAPIObject): OpenAPIObject {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [target, metadata] of metadataByClass()) {
    const name = (target as { name?: unknown }).name;
    if (typeof name !== 'string') continue;
    const schema = schemas[name];
    if (!schema?.properties) continue;
    for (const m of metadata) {
      const property = schema.properties[m.propertyName];
      if (!property || m.type !== 'customValidation') continue;
      if (m.each && property.type === 'array') apply((property.items ??= {}), m);
      else apply(property, m);
    }
  }
  return doc;
}
