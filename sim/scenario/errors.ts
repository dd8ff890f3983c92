/** One problem in a scenario or command line, with where it is and what was expected. */
export interface InputProblem {
  /** Dotted path of the field, e.g. `demand.categories.0.workHours.mean`; '' for the whole file. */
  path: string;
  expected: string;
  found?: unknown;
  /** Where the field is written in the file (1-based), when it is written there. */
  line?: number;
  column?: number;
  /** What to change, where the cause is known (e.g. `set warmupDays below 7`). */
  fix?: string;
}

/**
 * Bad input: a scenario file, a `--set`, a flag. The CLI prints `message` and exits with code 2;
 * library callers can read `problems`.
 */
export class InputError extends Error {
  readonly file: string;
  readonly problems: InputProblem[];
  constructor(file: string, problems: InputProblem[]) {
    super(formatProblems(file, problems));
    this.name = 'InputError';
    this.file = file;
    this.problems = problems;
  }
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatProblems(file: string, problems: InputProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.path === '' ? '(top level)' : p.path;
    const found = 'found' in p ? `, found ${describeFound(p.found)}` : '';
    const at = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
    return `${at}: ${where}: expected ${p.expected}${found}${p.fix ? ` (fix: ${p.fix})` : ''}`;
  });
  return lines.join('\n');
}
