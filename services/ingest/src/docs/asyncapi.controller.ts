import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { buildAsyncApiDocument, type AsyncApiDocument } from '@watchfloor/events';

export const KAFKA_BROKERS_TEXT = Symbol('KAFKA_BROKERS_TEXT');

/** The AsyncAPI 3 document of the topics, on the ingest port too (integrators look here first). */
@ApiExcludeController()
@Controller()
export class AsyncApiController {
  private readonly document: AsyncApiDocument;

  constructor(@Inject(KAFKA_BROKERS_TEXT) kafkaBrokers: string) {
    this.document = buildAsyncApiDocument({ kafkaBrokers });
  }

  @Get('asyncapi.json')
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
