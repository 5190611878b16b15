// Typed errors of the engine: every rejected parameter names itself and the value it was given.

/** A trial parameter outside its domain, raised when a trial is set up, never inside a round. */
export class ParameterError extends RangeError {
  /** The parameter's name as the API spells it, e.g. `fanout`. */
  readonly parameter: string;
  /** The value that was rejected. */
  readonly value: unknown;
  /** What was expected, in words (`an integer >= 1`), for messages that name the flag instead. */
  readonly expected: string;

  constructor(parameter: string, value: unknown, expected: string) {
    super(`${parameter} must be ${expected} (got ${formatValue(value)})`);
    this.name = 'ParameterError';
    this.parameter = parameter;
    this.value = value;
    this.expected = expected;
  }
}

/** Renders a rejected value for a one-line message: strings quoted, arrays and objects as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
