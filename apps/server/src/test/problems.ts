import type { TErrorCode, TProblem } from '@anxin/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * Asserts that a response is a problem+json with this status and code and, when `fields` is
 * given, that `errors[].field` names exactly those fields (in any order). Returns the problem.
 */
export function expectProblem(res: LightMyRequestResponse, status: number, code: TErrorCode, fields?: string[]): TProblem & Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as TProblem & Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  if (fields) expect((body.errors ?? []).map((e) => e.field).sort()).toEqual([...fields].sort());
  return body;
}
