import { describe, expect, it } from 'vitest';
import { UrgentWork } from './urgent-work.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('UrgentWork', () => {
  it('does nothing while no worker runs here', async () => {
    const work = new UrgentWork(() => {});
    expect(work.handled).toBe(false);
    work.request();
    await work.idle();
  });

  it('runs after the answer, never twice at once, and runs once more for the requests made during a run', async () => {
    const errors: unknown[] = [];
    const work = new UrgentWork((error) => errors.push(error));
    let runs = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    let gate = new Promise<void>((resolve) => (release = resolve));
    work.handleWith(async () => {
      runs++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
    });
    let answer!: () => void;
    work.request(new Promise<void>((resolve) => (answer = resolve)));
    await tick();
    expect(runs).toBe(0); // waits for the answer
    answer();
    await tick();
    expect(runs).toBe(1);
    // Three requests during the run share one more run after it.
    work.request();
    work.request();
    work.request();
    const first = release;
    gate = new Promise<void>((resolve) => (release = resolve));
    first();
    await tick();
    expect(runs).toBe(2);
    release();
    await work.idle();
    expect(runs).toBe(2);
    expect(maxInFlight).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reports a failed run instead of throwing, and runs again when asked', async () => {
    const errors: unknown[] = [];
    const work = new UrgentWork((error) => errors.push(error));
    let runs = 0;
    work.handleWith(async () => {
      runs++;
      if (runs === 1) throw new Error('adapter down');
    });
    work.request();
    await work.idle();
    expect(errors).toEqual([new Error('adapter down')]);
    work.request();
    await work.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
