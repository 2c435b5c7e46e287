import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type KafkaPing, type ServiceConfig } from '@watchfloor/service-kit';
import type { Logger } from 'pino';
import type { EventSink } from '../ingest-client/ingest-client';
import { SIMULATION_CLOCK, SimulationController } from '../playback/simulation.controller';
import { SimulationRuns, type Sleep } from '../playback/simulation-runs';

export interface SimulatorModuleOptions {
  readonly config: ServiceConfig;
  readonly sink: EventSink;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly sleep?: Sleep;
}

/** The simulator reaches Kafka only through the ingest API, so readiness asks the ingest API. */
const ingestReadiness = (sink: EventSink): KafkaPing => ({
  async ping(timeoutMs) {
    await sink.ready(timeoutMs);
    return { clusterId: 'via-ingest', brokers: 1 };
  },
});

@Module({})
export class SimulatorModule {
  static forRoot(options: SimulatorModuleOptions): DynamicModule {
    return {
      module: SimulatorModule,
      imports: [ServiceKitModule.forRoot({ service: 'simulator', config: options.config, kafka: ingestReadiness(options.sink), logger: options.logger })],
      controllers: [SimulationController],
      providers: [
        { provide: SIMULATION_CLOCK, useValue: options.clock },
        { provide: SimulationRuns, useValue: new SimulationRuns(options.sink, options.clock, options.sleep) },
      ],
    };
  }
}
