import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { describeProblemsAndHeaders } from './problem-responses.js';
import { describeSuccesses } from './success-responses.js';
import { describeValidationLimits } from './validation-limits.js';

/**
 * The OpenAPI description of the API, served at /docs and written at build time for the console's
 * client: the controllers' operations and request bodies (with their validation limits), what each
 * answers on success, and the problems and headers every operation shares.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('donthu API')
      .setDescription(
        'Citizen petitions, complaints and denunciations: from the reception desk to closure. Errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Successes first: the problem step then adds the convention headers to every 2xx answer.
  return describeProblemsAndHeaders(describeSuccesses(describeValidationLimits(document)));
}
