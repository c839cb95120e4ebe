// Ambient types for ml-logistic-regression@2 (the package ships none): only what Anxin uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface LogisticRegressionOptions {
    /** Gradient steps (default 50,000). */
    numSteps?: number;
    /** Step size applied to the summed (not averaged) gradient (default 5e-4). */
    learningRate?: number;
  }

  /** One-vs-all logistic regression trained by batch gradient descent; classifier i scores "not class i". */
  export default class LogisticRegression {
    constructor(options?: LogisticRegressionOptions);
    numberClasses: number;
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
    toJSON(): { name: 'LogisticRegression'; numSteps: number; learningRate: number; numberClasses: number; classifiers: { weights: Matrix; numSteps: number; learningRate: number }[] };
  }
}
