import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AsyncApiDocument } from '@watchfloor/events';
import { ASYNCAPI_DOCUMENT } from '../app/tokens';

/** The AsyncAPI 3 document: the Kafka topics of the contract and the /live channel of this service. */
@ApiExcludeController()
@Controller()
export class AsyncApiController {
  constructor(@Inject(ASYNCAPI_DOCUMENT) private readonly source: { readonly document: AsyncApiDocument }) {}

  @Get('asyncapi.json')
  asyncApi(): AsyncApiDocument {
    return this.source.document;
  }
}
