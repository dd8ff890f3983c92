// The far calendar against simjs alone, engine only: looping timers at three heap depths, CPU time per event.
// npx tsx bench/calendarAB.ts   (docs/performance.md, "The engine: a calendar in front of simjs")
import { loadSimjs } from '../sim/engine/loadSimjs.ts';
import { Clock } from '../sim/engine/clock.ts';
await loadSimjs();
// `depth` looping timers, each re-scheduled with a delay uniform on [0, 2·depth/1000) hours: ≈ 1000 events per simulated hour.
function loop(bucketHours: number, depth: number, events: number): number {
  const clock = new Clock({ bucketHours });
  let x = 12345, n = 0;
  const tick = () => { n++; x = (x * 16807) % 2147483647; if (n + depth <= events) clock.schedule((x / 2147483647) * (2 * depth) / 1000, tick); };
  for (let i = 0; i < depth; i++) { x = (x * 16807) % 2147483647; clock.schedule((x / 2147483647) * (2 * depth) / 1000, tick); }
  const c0 = process.cpuUsage();
  clock.runUntil(1e12);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n; // µs per event, CPU time
}
for (const depth of [100, 6576, 240000]) {
  const r: Record<string, number[]> = { calendar: [], simjsAlone: [] };
  for (let rep = 0; rep < 3; rep++) {
    r.calendar!.push(loop(1, depth, 2_000_000));
    r.simjsAlone!.push(loop(1e12, depth, 2_000_000));
  }
  const med = (a: number[]) => a.sort((p, q) => p - q)[1]!;
  console.log(`depth ${depth}: calendar ${med(r.calendar!).toFixed(3)} µs/event, simjs alone ${med(r.simjsAlone!).toFixed(3)} µs/event (CPU time, median of 3)`);
}
