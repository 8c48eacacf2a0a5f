import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { describeProblemsAndHeaders } from './problem-responses.js';

/** The OpenAPI description of the API, served at /docs and written at build time for the console's client. */
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
  return describeProblemsAndHeaders(document);
}
