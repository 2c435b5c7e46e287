import { Parser } from '@asyncapi/parser';
import { buildAsyncApiDocument } from '@watchfloor/events';
import { liveAsyncApi } from './live.asyncapi';
import { deltaFrame, eventData, MAX_SUBSCRIPTIONS, parseClientMessage, snapshotFrame } from './live-protocol';

describe('client messages', () => {
  // The examples of docs/live-protocol.md, verbatim.
  it.each([
    '{"op":"subscribe","sub":"s1","channel":"theatre","theatre":"kz","resumeFrom":"0:12,1:0"}',
    '{"op":"subscribe","sub":"s2","channel":"feed","filter":{"theatres":["kz"],"types":["casualties.reported"],"minReliability":"C","verification":["verified"]}}',
    '{"op":"subscribe","sub":"s3","channel":"alerts","theatres":["kz"]}',
    '{"op":"subscribe","sub":"s4","channel":"replay","theatre":"kz","from":"2022-01-01T00:00:00Z","to":"2022-01-11T00:00:00Z","speed":3600,"basis":"occurred"}',
    '{"op":"unsubscribe","sub":"s1"}',
    '{"op":"ping","t":123}',
  ])('reads %s', (text) => {
    expect(parseClientMessage(text).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{op', undefined, /JSON object/],
    ['an unknown op', '{"op":"shout","sub":"a"}', 'a', /op must be/],
    ['an unknown channel', '{"op":"subscribe","sub":"a","channel":"gossip"}', 'a', /channel/],
    ['a bad theatre', '{"op":"subscribe","sub":"a","channel":"theatre","theatre":"KZ!"}', 'a', /theatre/],
    ['a long sub', `{"op":"subscribe","sub":"${'x'.repeat(65)}","channel":"alerts"}`, 'x'.repeat(64), /sub/],
    ['an unknown field', '{"op":"ping","t":1,"extra":true}', undefined, /extra/],
    ['a replay that ends before it starts', '{"op":"subscribe","sub":"r","channel":"replay","theatre":"kz","from":"2022-01-02T00:00:00Z","to":"2022-01-01T00:00:00Z"}', 'r', /from must not be after to/],
  ])('refuses %s, naming what is wrong', (_what, text, sub, reason) => {
    const parsed = parseClientMessage(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.sub).toBe(sub);
    expect(parsed.message).toMatch(reason);
  });

  it('fills the replay defaults', () => {
    const parsed = parseClientMessage('{"op":"subscribe","sub":"r","channel":"replay","theatre":"kz","from":"2022-01-01T00:00:00Z"}');
    expect(parsed.ok && parsed.message).toMatchObject({ speed: 1, basis: 'occurred' });
  });
});

describe('server frames', () => {
  it('are valid JSON with the shared data spliced in', () => {
    const event = { id: 'e1', theatre: 'kz' };
    const delta = JSON.parse(deltaFrame('s"1', 'theatre', '3:45', eventData(JSON.stringify(event))));
    expect(delta).toEqual({ kind: 'delta', sub: 's"1', channel: 'theatre', position: '3:45', data: { event } });
    expect(JSON.parse(snapshotFrame('s1', 'feed', '0:1,1:2', '{"events":[]}'))).toEqual({ kind: 'snapshot', sub: 's1', channel: 'feed', position: '0:1,1:2', data: { events: [] } });
    expect(MAX_SUBSCRIPTIONS).toBe(32);
  });
});

describe('the AsyncAPI document with /live', () => {
  it('is valid for the official parser once merged with the Kafka part', async () => {
    const document = buildAsyncApiDocument({ kafkaBrokers: '127.0.0.1:9092', extensions: [liveAsyncApi('127.0.0.1:8080')] });
    const diagnostics = await new Parser().validate(document);
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(Object.keys(document.channels)).toContain('live');
    expect(document.servers['live']).toMatchObject({ protocol: 'ws', pathname: '/live' });
  }, 20_000);
});
