import { lagOf } from './lag';

const now = 1_000_000;

describe('lagOf', () => {
  it('is now minus recordedAt of the last delta while deltas flow', () => {
    expect(lagOf({ state: 'live', attempt: 0, lastDeltaAt: now - 100, lastDeltaRecordedAt: now - 1500, lastHeartbeatAt: now - 9000 }, now)).toEqual({
      ms: 1500,
      basis: 'delta',
      text: 'lag 1.5 s',
    });
  });

  it('is the heartbeat’s age when the stream is quiet', () => {
    expect(lagOf({ state: 'live', attempt: 0, lastDeltaAt: now - 60_000, lastDeltaRecordedAt: now - 61_000, lastHeartbeatAt: now - 4000 }, now)).toMatchObject({
      ms: 4000,
      basis: 'heartbeat',
    });
  });

  it('is nothing before anything was heard', () => {
    expect(lagOf({ state: 'connecting', attempt: 0 }, now)).toMatchObject({ basis: 'none', text: '' });
  });
});
