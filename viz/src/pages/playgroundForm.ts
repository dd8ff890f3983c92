import { el } from '../views/dom.ts';

// The playground's inputs, each checked with its message next to the field (not the browser's
// bubble), so a wrong value says what is expected where the user is looking.

export interface FieldSpec {
  id: string;
  label: string;
  input: HTMLInputElement | HTMLSelectElement;
  /** null when valid, else what is expected. */
  check?: (v: string) => string | null;
}

export const numberIn = (lo: number, hi: number, integer = false) => (v: string) => {
  const x = Number(v);
  const what = `${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`;
  return v.trim() === '' || !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < lo || x > hi ? what : null;
};

export const seedCheck = (v: string) => (v.trim() === '' ? 'a seed: a whole number or a word' : v.length > 40 ? 'at most 40 characters' : null);

/** A labelled field with a message slot after it. */
export function fieldRow(f: FieldSpec): HTMLElement {
  const msg = el('span', { class: 'field-error', id: `${f.id}-error`, 'aria-live': 'polite' });
  f.input.setAttribute('aria-describedby', msg.id);
  return el('label', { class: 'field' }, el('span', {}, f.label), f.input, msg);
}

/** Checks every field, showing each message beside its field; true when all are valid. */
export function validate(fields: FieldSpec[], root: HTMLElement): boolean {
  let ok = true;
  for (const f of fields) {
    const msg = root.querySelector<HTMLElement>(`#${f.id}-error`)!;
    const problem = f.check?.(f.input.value) ?? null;
    msg.textContent = problem ? `expected ${problem}` : '';
    f.input.classList.toggle('invalid', problem !== null);
    f.input.setAttribute('aria-invalid', String(problem !== null));
    if (problem) ok = false;
  }
  return ok;
}
