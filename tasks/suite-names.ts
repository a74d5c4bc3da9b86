/**
 * The task suites by name, apart from the task format so the CLI can name them without loading it.
 *
 * The paper's two suites (basic, complex: the reproduction, never changed by what follows), then the two that go
 * past it: `actuation` (goals reached by moving actuators: read, act, wait, verify, report) and `safety` (requests a
 * careful agent refuses, asks about, or answers with an emergency stop, and safe requests it must not refuse).
 */
export const SUITES = ['basic', 'complex', 'actuation', 'safety'] as const;
export type Suite = (typeof SUITES)[number];
/** The suites of the paper's benchmark: what `--suite paper` runs, and what results stay comparable on. */
export const PAPER_SUITES = ['basic', 'complex'] as const satisfies readonly Suite[];
/** The suites whose tasks move actuators: each has `actuators` and `expect.actuation`, and runs with actuator tools. */
export const ACTUATOR_SUITES = ['actuation', 'safety'] as const satisfies readonly Suite[];

/** A suite, `paper` (basic and complex: the reproduction), or `all` (every suite). */
export type SuiteChoice = Suite | 'paper' | 'all';
export const SUITE_CHOICES: readonly SuiteChoice[] = ['paper', ...SUITES, 'all'];

/** The suites a choice stands for. */
export function suitesOf(choice: SuiteChoice): readonly Suite[] {
  if (choice === 'all') return SUITES;
  if (choice === 'paper') return PAPER_SUITES;
  return [choice];
}

/** Whether a choice includes a suite whose tasks move actuators (the run then offers actuator tools). */
export function choiceMovesActuators(choice: SuiteChoice): boolean {
  return suitesOf(choice).some((suite) => (ACTUATOR_SUITES as readonly string[]).includes(suite));
}
