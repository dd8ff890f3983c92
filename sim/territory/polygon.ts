/** A point-in-region test over rings (even–odd rule: holes and several polygons alike), with a bounding box first. */
export class RingSet {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;

  constructor(readonly rings: readonly (readonly [number, number])[][]) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const r of rings) {
      for (const [x, y] of r) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
  }

  contains(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return false;
    let inside = false;
    for (const r of this.rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i]!;
        const [xj, yj] = r[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }
}

/**
 * Splits `items` into `parts` groups of near-equal size that are compact in the plane (recursive
 * coordinate bisection: cut across the longer side, in proportion to the parts on each side).
 * Deterministic: ties in position are broken by the order given.
 */
export function bisect<T extends { x: number; y: number }>(items: readonly T[], parts: number): T[][] {
  if (parts <= 1 || items.length <= 1) return [items.slice()];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of items) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const byX = maxX - minX >= maxY - minY;
  const order = items.map((p, i) => ({ p, i }));
  order.sort((a, b) => (byX ? a.p.x - b.p.x : a.p.y - b.p.y) || a.i - b.i);
  const left = Math.floor(parts / 2);
  const cut = Math.min(items.length - 1, Math.max(1, Math.round((items.length * left) / parts)));
  const sorted = order.map((o) => o.p);
  return [...bisect(sorted.slice(0, cut), left), ...bisect(sorted.slice(cut), parts - left)];
}
