import { describe, expect, it } from 'vitest';
import { prng } from '../../platform/prng.ts';
import { fitClusters, fitClustersOffThread, silhouette } from './cluster-fit.ts';

// Three well-separated groups of points in 4 dimensions (deterministic).
const random = prng(7);
const centres = [
  [0, 0, 0, 0],
  [6, 6, 0, 0],
  [0, 6, 6, 6],
];
const points = Array.from({ length: 600 }, (_, i) => centres[i % 3]!.map((c) => c + (random() - 0.5)));

describe('cluster fitting', () => {
  it('picks the k of the data by silhouette, and computes the same in a worker thread as on the caller’s', async () => {
    const here = fitClusters(points, { kMin: 2, kMax: 5, seed: 3 });
    expect(here.map((c) => c.k)).toEqual([2, 3, 4, 5]);
    const best = here.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(3);
    expect(best.silhouette).toBeGreaterThan(0.8);

    expect(await fitClustersOffThread(points, { kMin: 2, kMax: 5, seed: 3 })).toEqual(here);
  });

  it('silhouette: 1 for far-apart tight groups, 0 with too few points to say', () => {
    expect(silhouette([[0], [0], [10], [10]], [0, 0, 1, 1], 2)).toBe(1);
    expect(silhouette([[0], [1]], [0, 1], 2)).toBe(0);
  });

  it('a worker that cannot fit (k above the number of points) rejects instead of hanging', async () => {
    await expect(fitClustersOffThread(points.slice(0, 3), { kMin: 5, kMax: 5 })).rejects.toThrow();
  });
});
