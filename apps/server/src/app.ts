import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ZHealth } from '@anxin/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { newId } from './platform/ids.ts';
import { registerAuthentication } from './platform/http/authentication.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { handleError, problem, sendProblem } from './platform/http/problem.ts';
import { loggerOptions } from './platform/logging.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authenticate, authRoutes } from './modules/auth/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { customerRoutes, type Customer360Section } from './modules/customers/index.ts';
import { importRoutes } from './modules/imports/index.ts';
import { policiesSection, policyNumberLookup, policyRoutes } from './modules/policies/index.ts';
import { claimRoutes, claimSettingsRoutes, claimsSection } from './modules/claims/index.ts';
import { productRoutes } from './modules/products/index.ts';
import { authenticatePortal, portalRoutes, type PortalDeps } from './modules/portal/index.ts';
import { messageAdapters, messageRoutes } from './modules/messages/index.ts';
import { serviceRoutes } from './modules/service/index.ts';
import { automationRoutes, type AutomationRuntime } from './modules/automation/index.ts';
import { complaintRoutes, complaintsSection } from './modules/complaints/index.ts';
import { segmentationRoutes } from './modules/segmentation/index.ts';
import { BackgroundJobs, processWorkerId } from './platform/jobs.ts';
import { UrgentWork } from './platform/urgent-work.ts';
import { createFieldCipher } from './platform/crypto/field-encryption.ts';
import type { ModuleDeps } from './platform/deps.ts';

/** Where the built console lives (apps/web/dist). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppDeps {
  config: Config;
  database: Database;
  /** Serve the console from this directory (default apps/web/dist if it exists). */
  webDist?: string | null;
  /** Pretty logs on a terminal; JSON otherwise. */
  prettyLogs?: boolean;
  /** Where log lines go (default stdout); tests capture them to prove redaction. */
  logStream?: DestinationStream;
}

/** The sections other modules contribute to the customer 360 view (the benchmark replays the same view). */
export const CUSTOMER_360_SECTIONS: readonly Customer360Section[] = [policiesSection, claimsSection, complaintsSection];

/** Builds the HTTP application: platform plugins, then one plugin per module. Tests use it via inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logStream ? { ...loggerOptions(config.logLevel, false), stream: deps.logStream } : loggerOptions(config.logLevel, deps.prettyLogs ?? false),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  // Security headers (helmet). The middleware is built once: @fastify/helmet rebuilt it — parsing the
  // policy and naming every header — on each request, ≈ 1.5 % of the server's time under the 360 load.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.auth.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(fastifyCookie);
  // Per-route limits only (login); the in-memory store is per process — account lockout, kept in
  // the database, is what holds across processes.
  await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `Rate limit exceeded, retry in ${ctx.after}` }) });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Anxin API',
        description:
          'Anxin (安心) insurance CRM and customer-service API. Authenticate with the session cookie from `POST /api/v1/auth/login`, ' +
          'a bearer token (`Authorization: Bearer <token>`), or an API key (`Authorization: Bearer ak_…` or `X-API-Key`). ' +
          'Errors are RFC 9457 problem+json with a stable `code`. POSTs accept `Idempotency-Key`.',
        version: config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'anxin_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ session: [] }, { bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  const cipher = cipherFor(config);
  const portalDeps: PortalDeps = { db, cipher, secret: config.secrets.sessionSecret };
  registerAuthentication(app, (credentials) =>
    credentials.portalToken ? authenticatePortal(portalDeps, credentials.portalToken) : authenticate(db, authSettings(config), credentials),
  );
  registerIdempotency(app, db, cipher, (request) => (request.actor ? `${request.actor.kind}:${request.actor.id}` : undefined));

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: ZHealth, 503: ZHealth } } },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(db);
        return { status: 'ok' as const, db: database.driver, version: config.version };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, db: database.driver, version: config.version });
      }
    },
  );

  // Long work a request starts ("Run now" of the segmentation batch, a walk of the audit chain, an
  // import's dry run or commit asked for with `Prefer: respond-async`) runs here after the answer;
  // closing the app waits for it, so the database is not closed under it.
  const backgroundJobs = new BackgroundJobs(db, processWorkerId(), (what, error) => app.log.error({ what, err: error instanceof Error ? { name: error.name, code: (error as { code?: unknown }).code } : {} }, 'background job failed'));
  app.addHook('onClose', async () => {
    if (backgroundJobs.runningCount > 0) app.log.warn({ jobs: backgroundJobs.runningCount }, 'waiting for background work to finish (a second Ctrl-C stops at once; an interrupted job runs again at the next worker pass; an interrupted import run shows as interrupted, to be run again)');
    await backgroundJobs.idle();
  });
  // A portal sign-in code should not wait for the worker's next pass: the code request asks for
  // the outbox to be published and the text delivered at once, when this process runs a worker
  // (`handleWith`, set by the composition root as it starts one). Closing the app waits for it.
  const urgentWork = new UrgentWork((error) => app.log.error({ err: error instanceof Error ? { name: error.name } : {} }, 'urgent delivery failed'));
  app.decorate('urgentWork', urgentWork);
  app.addHook('onClose', async () => urgentWork.idle());
  await app.register(authRoutes(db, { settings: authSettings(config), secureCookies: config.auth.secureCookies, loginRateLimitPerMinute: config.auth.loginRateLimitPerMinute }));
  await app.register(orgRoutes(db));
  await app.register(auditRoutes(db, { jobs: backgroundJobs }));
  const moduleDeps: ModuleDeps = { db, cipher };
  await app.register(customerRoutes(moduleDeps, { sections: CUSTOMER_360_SECTIONS, lookups: [policyNumberLookup] }));
  await app.register(productRoutes(moduleDeps));
  await app.register(policyRoutes(moduleDeps));
  await app.register(importRoutes(moduleDeps, { jobs: backgroundJobs }));
  await app.register(claimRoutes(moduleDeps, { uploadDir: config.uploadDir }));
  await app.register(claimSettingsRoutes(moduleDeps));
  await app.register(complaintRoutes(moduleDeps));
  await app.register(portalRoutes(portalDeps, { uploadDir: config.uploadDir, secureCookies: config.auth.secureCookies, rateLimitPerMinute: config.auth.loginRateLimitPerMinute, urgentWork }));
  await app.register(messageRoutes(moduleDeps, { devInbox: config.devInbox }));
  await app.register(serviceRoutes(moduleDeps, { publicUrl: config.messaging.publicUrl, publicRateLimitPerMinute: config.auth.loginRateLimitPerMinute * 3 }));
  await app.register(automationRoutes(moduleDeps, automationRuntimeFor(config)));
  await app.register(segmentationRoutes(moduleDeps, { jobs: backgroundJobs }));

  const webDist = deps.webDist === undefined ? (existsSync(path.join(WEB_DIST, 'index.html')) ? WEB_DIST : null) : deps.webDist;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    if (webDist && request.method === 'GET' && !url.startsWith('/api/')) {
      // The console's client-side routes (/staff, /org, …) all load index.html.
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, problem('ROUTE_NOT_FOUND', `No route ${request.method} ${url}`, String(request.id), url));
  });
  return app;
}

/** Channel adapters and messaging settings for due work (the worker, the CLI, the rules page). */
export function automationRuntimeFor(config: Config): AutomationRuntime {
  return {
    adapters: messageAdapters({ smtpUrl: config.messaging.smtpUrl, smtpFrom: config.messaging.smtpFrom }),
    settings: { quietHours: config.messaging.quietHours, marketingCapPerWeek: config.messaging.marketingCapPerWeek, publicUrl: config.messaging.publicUrl },
  };
}

/** The field cipher for sensitive personal data, from the configured keys. */
export function cipherFor(config: Config) {
  return createFieldCipher(config.secrets.fieldKeys, config.secrets.activeFieldKeyId, config.secrets.blindIndexKey);
}

export function authSettings(config: Config) {
  return {
    sessionSecret: config.secrets.sessionSecret,
    sessionTtlMinutes: config.auth.sessionTtlMinutes,
    sessionIdleMinutes: config.auth.sessionIdleMinutes,
    maxFailedLogins: config.auth.maxFailedLogins,
    lockoutMinutes: config.auth.lockoutMinutes,
  };
}
