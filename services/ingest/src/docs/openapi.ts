import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CONTRACT_VERSION } from '@watchfloor/events';
import { eventInputComponents } from '../accept-events/accept-events.openapi';

export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/** Serves Swagger UI at /api/docs and the OpenAPI 3.1 document at /api/docs/openapi.json. */
export const setupOpenApi = (app: INestApplication): void => {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Watchfloor ingest API')
    .setDescription(
      'Events onto Kafka. Keys travel as `Authorization: Bearer <key>` (WATCHFLOOR_API_KEYS). ' +
        'The topics and message headers are described by the AsyncAPI document at /asyncapi.json.',
    )
    .setVersion(CONTRACT_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key with the ingest role' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...eventInputComponents() } };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/docs/openapi.yaml' });
};
