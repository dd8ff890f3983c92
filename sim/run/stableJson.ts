/**
 * JSON text with non-integer numbers rounded to 10 significant digits, two-space indented and a
 * final newline: what every JSON output file uses, so tiny float noise never shows and Node and
 * the browser write the same bytes.
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v), 2)}\n`;
}
