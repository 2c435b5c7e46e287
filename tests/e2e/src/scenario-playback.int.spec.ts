import { ceTypeOfEvent } from '@watchfloor/events';
import { headerText, type EventLog } from '@watchfloor/kafka';
import { kazakhstan2022 } from '@watchfloor/scenario';
import { eventually, KEYS, readEvents, startStack, tail, testEventLog, type Stack } from './support/system';

/** The simulator plays the seed scenario through the ingest API onto a real broker. */
describe('scenario playback through ingest onto Kafka', () => {
  let stack: Stack;
  let log: EventLog;

  beforeAll(async () => {
    stack = await startStack();
    log = testEventLog();
    await log.connect();
  });

  afterAll(async () => {
    await stack?.close();
    await log?.disconnect();
  });

  const play = async (durationSeconds: number) => {
    const response = await fetch(`${stack.simulator.url}/api/simulator/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.operator}` },
      body: JSON.stringify({ durationSeconds }),
    });
    expect(response.status).toBe(202);
    const run = await eventually(async () => {
      const status = (await (await fetch(`${stack.simulator.url}/api/simulator/status`, { headers: { authorization: `Bearer ${KEYS.operator}` } })).json()) as {
        run: { state: string } | null;
      };
      return status.run && status.run.state !== 'running' ? status.run : undefined;
    }, 30_000, 'the playback to end');
    if ((run as { state: string }).state !== 'finished') throw new Error(`playback ${JSON.stringify(run)}\n${tail(stack.simulator.logFile)}`);
    return run;
  };

  it('writes every scenario event once, as CloudEvents keyed by theatre, and a replay only finds duplicates', async () => {
    const first = await play(1);
    expect(first).toMatchObject({ state: 'finished', accepted: kazakhstan2022.length, duplicates: 0 });

    const { messages, events } = await readEvents(log, stack.topicPrefix);
    expect(events.map((e) => e.id).sort()).toEqual(kazakhstan2022.map((e) => e.id).sort());
    for (const [i, message] of messages.entries()) {
      const event = events[i];
      if (!event) throw new Error('decoded events and messages differ in number');
      expect(message.key).toBe(event.theatre);
      expect(headerText(message, 'ce_specversion')).toBe('1.0');
      expect(headerText(message, 'ce_id')).toBe(event.id);
      expect(headerText(message, 'ce_type')).toBe(ceTypeOfEvent(event.type));
      expect(headerText(message, 'ce_subject')).toBe(event.theatre);
      expect(headerText(message, 'content-type')).toBe('application/json');
    }

    const second = await play(1);
    expect(second).toMatchObject({ state: 'finished', accepted: 0, duplicates: kazakhstan2022.length });
    expect((await readEvents(log, stack.topicPrefix)).events).toHaveLength(kazakhstan2022.length);
  });

  it('refuses to start a run without the operator role', async () => {
    const response = await fetch(`${stack.simulator.url}/api/simulator/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.reader}` },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('names the field of a bad request', async () => {
    const response = await fetch(`${stack.simulator.url}/api/simulator/synthetic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.operator}` },
      body: JSON.stringify({ ratePerSecond: -5 }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ratePerSecond');
  });
});
