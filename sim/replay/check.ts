// Small checks that name the path of what is wrong in a replay file.

export class ReplayError extends Error {
  constructor(
    readonly source: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${source}: ${path ? `${path}: ` : ''}${problem}`);
    this.name = 'ReplayError';
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export class Checker {
  constructor(readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new ReplayError(this.source, path, problem);
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, `expected an object, found ${describe(v)}`);
    return v as Record<string, unknown>;
  }

  number(v: unknown, path: string, min = -Infinity): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) this.fail(path, `expected a number${min > -Infinity ? ` ≥ ${min}` : ''}, found ${describe(v)}`);
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, `expected a string, found ${describe(v)}`);
    return v;
  }

  strings(v: unknown, path: string, length?: number): string[] {
    const a = this.array(v, path, length);
    a.forEach((x, i) => this.string(x, `${path}[${i}]`));
    return a as string[];
  }

  array(v: unknown, path: string, length?: number): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `expected an array, found ${describe(v)}`);
    if (length !== undefined && v.length !== length) this.fail(path, `expected ${length} entries, found ${v.length}`);
    return v;
  }

  /** An array of finite numbers (integers if `int`), each in [min, max]. */
  numbers(v: unknown, path: string, o: { length?: number; int?: boolean; min?: number; max?: number } = {}): number[] {
    const a = this.array(v, path, o.length);
    const min = o.min ?? -Infinity;
    const max = o.max ?? Infinity;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x !== 'number' || !Number.isFinite(x) || (o.int && !Number.isInteger(x)) || x < min || x > max) {
        const range = min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : '';
        this.fail(`${path}[${i}]`, `expected ${o.int ? 'an integer' : 'a number'}${range}, found ${describe(x)}`);
      }
    }
    return a as number[];
  }
}
