import { Body, Controller, Get, HttpStatus, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import request from 'supertest';
import { Roles } from './auth/roles.decorator';
import { loadServiceConfig } from './config';
import { createServiceLogger } from './observability/logging';
import { ApiError } from './http/error-body';
import type { KafkaPing } from './observability/health';
import { configureHttpApp, ServiceKitModule } from './service-kit.module';

@Controller('api')
class ProbeController {
  @Post('things')
  @Roles('ingest')
  write(@Body() body: unknown) {
    return { got: body };
  }

  @Get('open')
  open() {
    return { open: true };
  }

  @Get('broken')
  broken(): never {
    throw new Error('boom: secret internals');
  }

  @Get('invalid')
  invalid(): never {
    throw new ApiError(HttpStatus.BAD_REQUEST, { error: 'invalid_things', message: 'no', issues: [{ index: 0, path: 'a', message: 'b' }] });
  }
}

describe('ServiceKitModule over HTTP', () => {
  let app: NestExpressApplication;
  const logLines: string[] = [];
  let kafkaUp = true;
  const kafka: KafkaPing = {
    ping: async () => {
      if (!kafkaUp) throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
      return { clusterId: 'cluster-1', brokers: 1 };
    },
  };

  beforeAll(async () => {
    const config = loadServiceConfig({
      WATCHFLOOR_API_KEYS: 'ingest-key-0001:ingest,reader-key-0001:reader',
      LOG_LEVEL: 'info',
    });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    @Module({ imports: [ServiceKitModule.forRoot({ service: 'probe', config, kafka, logger: createServiceLogger('probe', 'info', destination) })], controllers: [ProbeController] })
    class ProbeModule {}
    app = await NestFactory.create<NestExpressApplication>(ProbeModule, { bufferLogs: true, bodyParser: false });
    configureHttpApp(app, { jsonBodyLimit: '1mb' });
    await app.init();
  });

  afterAll(() => app.close());

  const server = () => app.getHttpServer();

  it('lets a key with the role through', async () => {
    const response = await request(server()).post('/api/things').set('Authorization', 'Bearer ingest-key-0001').send({ a: 1 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ got: { a: 1 } });
  });

  it('answers 401 with an error body and a challenge without a key or with an unknown one', async () => {
    const none = await request(server()).post('/api/things').send({});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toEqual({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
    const unknown = await request(server()).post('/api/things').set('Authorization', 'Bearer nope-nope-nope').send({});
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('unauthorized');
  });

  it('answers 403 to a key with another role', async () => {
    const response = await request(server()).post('/api/things').set('Authorization', 'Bearer reader-key-0001').send({});
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: 'forbidden', message: expect.stringContaining('ingest') });
  });

  it('leaves routes without @Roles open', async () => {
    expect((await request(server()).get('/api/open')).body).toEqual({ open: true });
  });

  it('renders the JSON parser errors as error bodies: 413 for a large body, 400 for bad JSON', async () => {
    const large = await request(server())
      .post('/api/things')
      .set('Authorization', 'Bearer ingest-key-0001')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ big: 'x'.repeat(2 * 1024 * 1024) }));
    expect(large.status).toBe(413);
    expect(large.headers['content-type']).toMatch(/application\/json/);
    expect(large.body).toEqual({ error: 'payload_too_large', message: expect.stringContaining('limit of 1 MB') });

    const bad = await request(server()).post('/api/things').set('Authorization', 'Bearer ingest-key-0001').set('Content-Type', 'application/json').send('{nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
  });

  it('keeps an ApiError body as given and hides unexpected errors behind a 500 body', async () => {
    const invalid = await request(server()).get('/api/invalid');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ error: 'invalid_things', message: 'no', issues: [{ index: 0, path: 'a', message: 'b' }] });
    const broken = await request(server()).get('/api/broken');
    expect(broken.status).toBe(500);
    expect(broken.body).toEqual({ error: 'internal_error', message: expect.any(String) });
    expect(JSON.stringify(broken.body)).not.toContain('secret internals');
    const missing = await request(server()).get('/api/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not_found', message: expect.stringContaining('/api/nowhere') });
  });

  it('serves Prometheus metrics with the default process metrics', async () => {
    const response = await request(server()).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('process_cpu_user_seconds_total{service="probe"}');
  });

  it('reports Kafka readiness at /api/health: 200 when reachable, 503 when not, liveness either way', async () => {
    kafkaUp = true;
    const up = await request(server()).get('/api/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', info: { kafka: { status: 'up', clusterId: 'cluster-1' } } });
    kafkaUp = false;
    const down = await request(server()).get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', error: { kafka: { status: 'down', message: expect.stringContaining('ECONNREFUSED') } } });
    expect((await request(server()).get('/api/health/live')).status).toBe(200);
    kafkaUp = true;
  });

  it('writes JSON request logs with the Authorization header redacted', async () => {
    await request(server()).post('/api/things').set('Authorization', 'Bearer ingest-key-0001').send({ a: 2 });
    const lines = logLines.map((line) => JSON.parse(line) as { req?: { url?: string; headers?: Record<string, string> }; keyId?: string });
    const logged = lines.find((l) => l.req?.url === '/api/things' && l.keyId !== undefined);
    expect(logged?.req?.headers?.['authorization']).toBe('[redacted]');
    expect(logLines.join('\n')).not.toContain('ingest-key-0001');
  });
});
