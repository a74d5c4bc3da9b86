import { SUITE_CHOICES, type SuiteChoice, suitesOf } from '../../tasks/suite-names.js';
import type { RunManifest } from '../results/manifest.js';

/**
 * The suite choice a run was made with, as this build names it. Runs made before the actuator suites existed
 * recorded `all` for the paper's two suites (they have no `options.suites`): read back, that is `paper`, so such a
 * run resumes, merges and re-scores over the tasks it started with, never over suites it did not know.
 */
export function manifestSuite(manifest: Pick<RunManifest, 'options'>): SuiteChoice {
  const { suite, suites } = manifest.options;
  if (!(SUITE_CHOICES as readonly string[]).includes(suite)) {
    throw new Error(`the run's suite "${suite}" is not one this build knows (${SUITE_CHOICES.join(', ')})`);
  }
  if (suite === 'all' && suites === undefined) return 'paper';
  return suite as SuiteChoice;
}

/** What a new run records of its suite choice: the choice, and the suites it stands for now. */
export function suiteOptions(choice: SuiteChoice): { suite: SuiteChoice; suites: string[] } {
  return { suite: choice, suites: [...suitesOf(choice)] };
}
