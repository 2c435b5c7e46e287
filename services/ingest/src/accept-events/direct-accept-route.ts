import { HttpStatus } from '@nestjs/common';
import { ApiError, bearerKey, bodyParserApiError, errorResponseOf, type ApiKeyRegistry, type Principal } from '@watchfloor/service-kit';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AcceptEventsRequest } from './accept-events.controller';

export interface DirectAcceptRouteOptions {
  readonly request: AcceptEventsRequest;
  readonly keys: ApiKeyRegistry;
  /** The same limit the JSON parser of the rest of the app applies. */
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
}

const PATH = '/api/events';
const ROLE = 'ingest';
/**
 * The bodies body-parser parses as JSON here: type application/json, in UTF-8 or no charset said.
 * Other types (even +json ones, which it leaves unparsed) and charsets go the long way.
 */
const DIRECT_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * `POST /api/events` straight on the HTTP server, for requests whose answer does not depend on
 * anything but their body: a known key with the ingest role, application/json in UTF-8 and a
 * declared length within the limit. Every other request, including every one that will be
 * refused before its body is read (401, 403, 413 by length, 415, chunked bodies), goes to Express
 * and Nest as before, so those answers stay theirs.
 *
 * Why: Express's router, body-parser, pino-http and Nest's guard, interceptor and filter pipeline
 * cost about a fifth of ingest's CPU per POST of 100 events (CPU profile, docs/benchmarks.md),
 * more than validating the events. What the route does once it has the body is the controller's
 * own code (AcceptEventsRequest), and its errors are rendered by the same errorResponseOf, so the
 * two ways in answer alike; the ingest integration tests run against both.
 */
export const installDirectAcceptRoute = (server: Server, options: DirectAcceptRouteOptions): void => {
  const listeners = server.listeners('request') as RequestListener[];
  const [app] = listeners;
  if (listeners.length !== 1 || app === undefined) {
    throw new Error(`expected the HTTP server to have one request listener (the Express app), found ${listeners.length}`);
  }
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const principal = directPrincipal(req, options);
    if (principal === undefined) {
      app(req, res);
      return;
    }
    void answer(req, res, principal, options);
  });
};

/** The caller, when this route can take the request; undefined sends it to Express. */
const directPrincipal = (req: IncomingMessage, options: DirectAcceptRouteOptions): Principal | undefined => {
  if (req.method !== 'POST' || req.url !== PATH) return undefined;
  if (!DIRECT_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) return undefined;
  if (req.headers['content-encoding'] !== undefined && req.headers['content-encoding'] !== 'identity') return undefined;
  const declared = Number(req.headers['content-length']);
  if (req.headers['transfer-encoding'] !== undefined || !Number.isInteger(declared) || declared > options.bodyLimitBytes) return undefined;
  const key = bearerKey(req.headers.authorization);
  const principal = key === undefined ? undefined : options.keys.identify(key);
  return principal?.roles.includes(ROLE) ? principal : undefined;
};

const answer = async (req: IncomingMessage, res: ServerResponse, principal: Principal, options: DirectAcceptRouteOptions): Promise<void> => {
  const started = performance.now();
  let status: number;
  let body: unknown;
  try {
    const parsed = parseJson(await readBody(req, options.bodyLimitBytes));
    body = await options.request.handle(parsed, req.headers['content-type'], (name, value) => res.setHeader(name, value));
    status = HttpStatus.ACCEPTED;
  } catch (error) {
    const rendered = errorResponseOf(error);
    if (rendered.status >= 500 && !(error instanceof ApiError)) {
      options.logger.error({ err: error }, 'POST /api/events failed');
    }
    status = rendered.status;
    body = rendered.body;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  if (options.logger.isLevelEnabled('info')) {
    // The fields pino-http writes for the requests that go through Express, and which way this came.
    options.logger.info(
      { req: { method: req.method, url: req.url }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started), keyId: principal.keyId, route: 'direct' },
      'request completed',
    );
  }
};

/** The body, held to the limit whatever its declared length said; rejects as body-parser would. */
const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(parserError({ status: 413, type: 'entity.too.large', limit, message: 'request entity too large' }));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks, length)));
    req.once('error', reject);
  });

/** The answer body-parser's error would get (json-body.ts renders both alike). */
const parserError = (error: { status: number; type: string; limit?: number; message: string }): ApiError =>
  bodyParserApiError(error) ?? new ApiError(error.status, { error: 'invalid_body', message: error.message });

/** JSON as body-parser reads it (strict: an object or an array, an optional BOM; empty is `{}`), or its 400. */
const parseJson = (bytes: Buffer): unknown => {
  if (bytes.length === 0) return {};
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = /^\s*(.)/.exec(text)?.[1];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError(`it starts with ${first === undefined ? 'nothing but spaces' : `"${first}"`}, not an object or an array`);
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw parserError({ status: 400, type: 'entity.parse.failed', message: error instanceof Error ? error.message : String(error) });
  }
};
