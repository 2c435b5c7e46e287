import { EventLogError, toEventLogError, withTimeout } from './errors';

describe('toEventLogError', () => {
  it('says what failed and keeps the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError', retriable: true });
    const error = toEventLogError('appending 3 message(s) to crisis.events', cause);
    expect(error).toBeInstanceOf(EventLogError);
    expect(error.message).toBe('appending 3 message(s) to crisis.events: connect ECONNREFUSED 127.0.0.1:9092');
    expect(error.retriable).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('marks errors kafkajs calls non-retriable as such', () => {
    const cause = Object.assign(new Error('Message too large'), { name: 'KafkaJSProtocolError', retriable: false });
    expect(toEventLogError('x', cause).retriable).toBe(false);
  });

  it('treats exhausted retries as worth trying later', () => {
    const cause = Object.assign(new Error('gave up'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false });
    expect(toEventLogError('x', cause).retriable).toBe(true);
  });
});

describe('withTimeout', () => {
  it('rejects when the work does not settle in time', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, 'probe')).rejects.toThrow('probe: no answer within 10 ms');
  });

  it('passes the result through when the work is quicker', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'probe')).resolves.toBe(7);
  });
});
