export { kazakhstan2022, SCENARIO_EVENT_IDS, SCENARIO_FACTS, type ScenarioFact } from './kazakhstan-2022';
export { SCENARIO_THEATRES, type ScenarioTheatre, type ScenarioTheatreId } from './theatres';
export { createSyntheticGenerator, type SyntheticGenerator, type SyntheticOptions } from './synthetic';
export { compressionFactor, playbackSchedule, type PlaybackOptions, type ScheduledEvent } from './playback';
