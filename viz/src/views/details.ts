import { ACTIVITY_NAMES, EVENT, PRIORITY_NAMES, SOURCE_NAMES, STAT_TIER_NAMES, TIER_NAMES } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { keeps, STAFF_SALT } from '../../../sim/replay/sample.ts';
import { clockLabel } from '../state/clock.ts';
import { STATE_NAMES, type ReplayCursor } from '../state/cursor.ts';
import { el, fmtHours, fmtInt } from './dom.ts';
import type { Selection } from './mapView.ts';

function utilization(r: Replay, desks: number[], fromDay: number, toDay: number): number {
  let busy = 0;
  let on = 0;
  for (let d = fromDay; d < toDay; d++) {
    for (const k of desks) {
      busy += r.deskBusy[d * r.desks.length + k]!;
      on += r.deskOnDuty[d * r.desks.length + k]!;
    }
  }
  return on > 0 ? busy / on : NaN;
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(0)}%`);

/** One line per event of a case, in order: its whole path through the units. */
export function casePath(r: Replay, c: number): { t: number; text: string }[] {
  const out: { t: number; text: string }[] = [];
  const desk = (d: number) => r.desks[d]?.name ?? `desk ${d}`;
  for (let i = 0; i < r.eventCount; i++) {
    const code = r.evCode.data[i]!;
    const f0 = r.evF[0]!.data[i]!;
    const f1 = r.evF[1]!.data[i]!;
    const f2 = r.evF[2]!.data[i]!;
    let text = '';
    if (code === EVENT.work) {
      if (f2 !== c || f1 === 0) continue;
      text = `${ACTIVITY_NAMES[f1]} by staff ${f0} (${desk(r.staffDesk[f0]!)})`;
    } else if (code <= EVENT.closed && f0 === c) {
      switch (code) {
        case EVENT.occurred: text = 'occurred (latent)'; break;
        case EVENT.reported: text = `reported via ${SOURCE_NAMES[f1]}`; break;
        case EVENT.registered: text = `registered by the ${f1 ? 'hotline' : 'grid'}`; break;
        case EVENT.entered: text = `${f2 ? 'queued for verification at' : 'queued at'} ${desk(f1)}`; break;
        case EVENT.left: text = `left ${desk(f1)}`; break;
        case EVENT.escalated: text = `escalated (${r.evF[3]!.data[i] ? 'timeout' : 'authority'}) ${desk(f1)} → ${desk(f2)}`; break;
        case EVENT.bounced: text = `bounced ${desk(f1)} → ${desk(f2)}`; break;
        case EVENT.resolved: text = `resolved at ${desk(f1)}`; break;
        case EVENT.verified: text = 'verified'; break;
        case EVENT.reopened: text = 'reopened (resident not satisfied)'; break;
        case EVENT.closed: text = 'closed'; break;
        default:
      }
    } else continue;
    out.push({ t: r.evT.data[i]!, text });
  }
  return out;
}

/** The panel for the picked grid, staff unit or case. */
export function detailsOf(r: Replay, cursor: ReplayCursor, s: Selection, t: number): HTMLElement {
  const box = el('div', { class: 'details', id: 'details' });
  const dl = (pairs: [string, string][]) => el('dl', {}, ...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const h = Math.min(Math.floor(t), r.hoursDone) - 1; // the last full hour
  const sampledStaff = r.meta.sample.staffFraction < 1;
  if (!s) {
    box.append(el('p', { class: 'hint' }, 'Hover over the map for names; click a grid, a unit (dot or square) or a case mark for its details.'));
    return box;
  }
  if (s.kind === 'grid') {
    const g = s.index;
    const tt = r.territory;
    const community = tt.grids.community[g]!;
    const street = tt.communities.street[community]!;
    const desk = r.desks.find((d) => d.role === 'gridWorker' && d.unit === g)!;
    const marks = cursor.active.filter((c) => r.cases.grid.data[c] === g).length;
    box.append(
      el('h3', {}, `grid ${tt.grids.name[g]}`),
      dl([
        ['Beidou code', tt.grids.code[g]!],
        ['community / street', `${tt.communities.name[community]} / ${tt.streets.name[street]}`],
        ['residents', fmtInt(tt.grids.residents[g]!)],
        ['open cases, end of the last full hour (exact)', h >= 0 ? fmtInt(r.gridOpen[h * r.gridCount + g]!) : '0'],
        [`open case marks now (${r.meta.sample.caseFraction < 1 ? 'sampled' : 'all'} tracks)`, fmtInt(marks)],
        ['grid workers', fmtInt(desk.staffCount)],
        ['utilization, days over so far (exact)', pct(utilization(r, [desk.id], 0, Math.min(r.daysDone, Math.floor(t / 24))))],
      ]),
    );
    return box;
  }
  if (s.kind === 'desk') {
    const d = r.desks[s.id]!;
    let on = 0;
    let busy = 0;
    let tracked = 0;
    for (let m = d.staffStart; m < d.staffStart + d.staffCount; m++) {
      if (!keeps(r.meta.sample.staffFraction, m, STAFF_SALT)) continue;
      on += cursor.staffOnDuty[m]!;
      busy += cursor.staffActivity[m]! >= 2 ? 1 : 0;
      tracked++;
    }
    const waiting = cursor.active.filter((c) => cursor.caseDesk[c] === d.id).length;
    const over = Math.min(r.daysDone, Math.floor(t / 24));
    const stat = STAT_TIER_NAMES.indexOf(d.tier);
    const present = h >= 0 && stat >= 0 ? r.tiers[stat]!.present[h]! : 0;
    box.append(
      el('h3', {}, d.name),
      dl([
        ['role / tier', `${d.role} / ${d.tier}`],
        ['staff (exact)', fmtInt(d.staffCount)],
        [
          sampledStaff ? 'on duty / busy now (sampled staff)' : 'on duty / busy now',
          sampledStaff ? (tracked ? `${on} / ${busy} of the ${tracked} sampled` : `none of the ${d.staffCount} staff is in the ${pct(r.meta.sample.staffFraction)} sample`) : `${on} / ${busy} of ${d.staffCount}`,
        ],
        ['utilization, days over so far (exact)', over > 0 ? pct(utilization(r, [d.id], 0, over)) : '— (no whole day over yet)'],
        ['utilization, last whole day (exact)', over > 0 ? pct(utilization(r, [d.id], over - 1, over)) : '—'],
        [`visits at the ${d.tier} tier, last full hour (exact, whole tier)`, fmtInt(present)],
        [`case marks here now (${r.meta.sample.caseFraction < 1 ? 'sampled' : 'all'} tracks)`, fmtInt(waiting)],
      ]),
    );
    return box;
  }
  const c = s.index;
  const dep = r.cases.department.data[c]!;
  box.append(
    el('h3', {}, `case ${r.cases.id.data[c]}`),
    dl([
      ['category / priority', `${r.categories[r.cases.category.data[c]!]} / ${PRIORITY_NAMES[r.cases.priority.data[c]!]}`],
      ['authority', `${TIER_NAMES[r.cases.authority.data[c]!]}${dep >= 0 ? ` (${r.departments[dep]})` : ''}`],
      ['grid', r.territory.grids.name[r.cases.grid.data[c]!]!],
      ['now', STATE_NAMES[cursor.caseState[c]!]!],
    ]),
  );
  const path = casePath(r, c);
  const start = path[0]?.t ?? 0;
  const list = el('ol', { class: 'path', id: 'case-path' });
  for (const p of path) list.append(el('li', { class: p.t <= t ? 'past' : 'future' }, `${clockLabel(p.t, r.meta.startDayOfWeek)} (+${fmtHours(p.t - start)}): ${p.text}`));
  box.append(el('h4', {}, 'path'), list);
  return box;
}
