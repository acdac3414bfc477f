/** One bad transport variable. */
export interface TransportSettingProblem {
  variable: string;
  /** Its value, shortened; `<hidden>` for a password, token or seed. */
  value: string;
  /** What it should be ("expected an integer from 1 to 1000", "set with NATS_PASSWORD …"). */
  expected: string;
}

/** Bad transport variables; `issues` names each one with its value (secrets hidden) and what is allowed. */
export class TransportSettingsError extends Error {
  readonly code = 'INVALID_TRANSPORT_SETTINGS';
  /** One line per problem: `NAME="value": expected …`. */
  readonly issues: readonly string[];

  constructor(readonly problems: readonly TransportSettingProblem[]) {
    const issues = problems.map((problem) => `${problem.variable}=${JSON.stringify(problem.value)}: ${problem.expected}`);
    super(`invalid transport settings: ${issues.join('; ')}`);
    this.name = 'TransportSettingsError';
    this.issues = issues;
  }
}
