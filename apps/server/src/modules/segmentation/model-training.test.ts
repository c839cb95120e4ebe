import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { prng } from '../../platform/prng.ts';
import { trainLogistic } from './model-training.ts';

describe('trainLogistic', () => {
  it('computes the weights ml-logistic-regression computes, to the last bit', () => {
    const random = prng(11);
    const n = 800;
    const p = 9;
    const X = new Matrix(n, p);
    for (let i = 0; i < n; i++) {
      X.set(i, 0, 1);
      for (let j = 1; j < p; j++) X.set(i, j, random() * 2 - 1);
    }
    const labels = Array.from({ length: n }, (_, i) => (X.get(i, 1) - 0.7 * X.get(i, 3) + random() - 0.5 > 0 ? 1 : 0));
    const rate = 4 / (2.5 * n);
    const library = new LogisticRegression({ numSteps: 150, learningRate: rate });
    library.train(X, Matrix.columnVector(labels));
    const expected = library.toJSON().classifiers[0]!.weights.to1DArray();

    const weights = [...trainLogistic(X, labels, 150, rate)];
    expect(weights).toEqual(expected);
    // And it learned something: the signs of the two informative features.
    expect(weights[1]).toBeGreaterThan(0);
    expect(weights[3]).toBeLessThan(0);
  });
});
