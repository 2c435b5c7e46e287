import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CONTRACT_VERSION } from '@watchfloor/events';

export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/** Swagger UI at /api/docs, the OpenAPI 3.1 document at /api/docs/openapi.json. */
export const setupOpenApi = (app: INestApplication): void => {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Watchfloor query API')
    .setDescription(
      'The crisis state, live and as of any moment, the event timeline, and the parked messages, from the projection of crisis.events. ' +
        'Keys travel as `Authorization: Bearer <key>` (WATCHFLOOR_API_KEYS): reads take a reader (or operator) key unless ' +
        'WATCHFLOOR_READ_OPEN=true; the parked endpoints take an operator key. The live WebSocket at /live and the Kafka topics are ' +
        'described by the AsyncAPI document at /asyncapi.json.',
    )
    .setVersion(CONTRACT_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key with the reader or operator role' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/docs/openapi.yaml' });
};
