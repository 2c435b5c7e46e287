import { lagOf, statusDetail } from './lag';

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

describe('statusDetail', () => {
  it('says when the next attempt is, and that the server is not answering once an attempt has failed', () => {
    expect(statusDetail({ state: 'reconnecting', attempt: 1, nextRetryAt: now + 500 }, now)).toBe('retry in 500 ms');
    expect(statusDetail({ state: 'reconnecting', attempt: 6, nextRetryAt: now + 16_000 }, now)).toBe('server not answering · retry in 16 s (attempt 6)');
  });

  it('blames the network only when the browser has none', () => {
    expect(statusDetail({ state: 'offline', attempt: 2, nextRetryAt: now + 1000 }, now)).toBe('no network · retry in 1.0 s (attempt 2)');
  });

  it('is the lag while live', () => {
    expect(statusDetail({ state: 'live', attempt: 0, lastDeltaAt: now - 100, lastDeltaRecordedAt: now - 1500 }, now)).toBe('lag 1.5 s');
  });
});
