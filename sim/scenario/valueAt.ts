/**
 * The value at a dotted path (`resolutionHours.p95`, `territory.streets.0.name`) or a key list in
 * plain JSON data; undefined where the path leaves the data. The one getter behind metrics,
 * scenario filters, findings series and error messages.
 */
export function valueAt(data: unknown, path: string | readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of typeof path === 'string' ? path.split('.') : path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The number at a dotted path; NaN when it is missing or not a number. */
export function numberAt(data: unknown, path: string): number {
  const v = valueAt(data, path);
  return typeof v === 'number' ? v : NaN;
}
