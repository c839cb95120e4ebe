import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { computeOffThread } from './compute.ts';
import { DomainError } from './errors.ts';

const fixture = new URL('./compute.fixture.ts', import.meta.url);

describe('computeOffThread', () => {
  it('runs the named export on another thread, with the arguments, and resolves with its (awaited) result', async () => {
    const other = await computeOffThread<number>(fixture, 'whichThread', []);
    expect(other).not.toBe(threadId);
    expect(await computeOffThread<number>(fixture, 'add', [2, 3])).toBe(5);
    expect(await computeOffThread<string>(fixture, 'later', ['done'])).toBe('done');
  });

  it('rejects with the error the function threw (a DomainError as one), or when the export does not exist', async () => {
    await expect(computeOffThread(fixture, 'fail', [])).rejects.toThrow('no answer to that');
    await expect(computeOffThread(fixture, 'missing', [])).rejects.toThrow();
    const refused = await computeOffThread(fixture, 'refuse', []).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.kMax', message: 'must not be above 12' }] });
  });
});
