import type { TestProject } from 'vitest/node';
import { GOLDEN_IMAGE_FILE, GOLDEN_TEMPLATE_DB, buildGoldenImage, dropGoldenImage, testDriver } from './golden.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    golden: { file: string; template: string };
  }
}

/** Migrates one golden database per run; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const names = { file: GOLDEN_IMAGE_FILE, template: GOLDEN_TEMPLATE_DB };
  await buildGoldenImage(testDriver(), names);
  project.provide('golden', names);
  return async () => dropGoldenImage(testDriver(), names);
}
