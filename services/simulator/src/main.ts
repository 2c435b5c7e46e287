import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { kazakhstan2022 } from '@watchfloor/scenario';
import { createSimulatorApp } from './app/create-simulator-app';

/**
 * The simulator as a process of its own on SIMULATOR_PORT. With SIMULATOR_PLAY_ON_START=true it
 * plays the built-in scenario once at start (SIMULATOR_SCENARIO_SECONDS, default 60).
 */
const main = async (): Promise<void> => {
  const simulator = await createSimulatorApp({ shutdownHooks: true });
  const logger = new Logger('Simulator');
  logger.log(`simulator API on ${simulator.url} (docs: ${simulator.url}/api/docs)`);
  if (process.env['SIMULATOR_PLAY_ON_START'] === 'true') {
    const seconds = Number(process.env['SIMULATOR_SCENARIO_SECONDS'] ?? 60);
    await simulator.runs.playScenario(kazakhstan2022, seconds * 1000);
    const result = await simulator.runs.finished();
    logger.log(`scenario played: ${JSON.stringify(result)}`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
