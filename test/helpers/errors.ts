import { InputError } from '../../sim/scenario/errors.ts';

/** The InputError `fn` throws (any other error is rethrown; no error fails the test). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}
