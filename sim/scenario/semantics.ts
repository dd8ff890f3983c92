import { validateDist, type DistSpec } from '../random/distributions.ts';
import type { InputProblem } from './errors.ts';
import { parametersBlockProblems } from './parameters.ts';
import type { Scenario, Staffing } from './schema.ts';
import { namedGroups } from './staffing.ts';
import { mechanismProblems } from './mechanismSemantics.ts';

// Checks that need more than one field at a time, after the schema has filled defaults.

export function semanticProblems(s: Scenario): InputProblem[] {
  const problems: InputProblem[] = [];
  if (s.warmupDays >= s.horizonDays) {
    const warmup = Math.max(0, Math.floor(s.horizonDays / 4));
    problems.push({ path: 'warmupDays', expected: `less than horizonDays (${s.horizonDays})`, found: s.warmupDays, fix: `set warmupDays below ${s.horizonDays}, e.g. --set warmupDays=${warmup}, or horizonDays above ${s.warmupDays}` });
  }
  const dist = (path: string, d: DistSpec) => {
    const msg = validateDist(d);
    if (msg) problems.push({ path, expected: msg, found: d });
  };
  for (const [key, d] of Object.entries(s.service)) {
    if (typeof d === 'object') dist(`service.${key}`, d as DistSpec);
  }
  for (const [kind, d] of Object.entries(s.handoff.delaysHours)) dist(`handoff.delaysHours.${kind}`, d);

  const departments = new Set<string>();
  s.departments.forEach((d, i) => {
    if (departments.has(d.name)) {
      problems.push({ path: `departments.${i}.name`, expected: 'a unique department name', found: d.name });
    }
    departments.add(d.name);
    staffing(`departments.${i}.handlers`, d.handlers, problems);
  });
  for (const [role, st] of Object.entries(s.staff)) staffing(`staff.${role}`, st, problems);

  const names = new Set<string>();
  s.demand.categories.forEach((c, i) => {
    const at = `demand.categories.${i}`;
    if (names.has(c.name)) problems.push({ path: `${at}.name`, expected: 'a unique category name', found: c.name });
    names.add(c.name);
    const a = c.authority;
    if (a.grid + a.community + a.street + a.district + a.department <= 0) {
      problems.push({ path: `${at}.authority`, expected: 'at least one tier with a positive weight', found: a });
    }
    const p = c.priority;
    if (p.emergency + p.urgent + p.general + p.complex <= 0) {
      problems.push({ path: `${at}.priority`, expected: 'at least one priority with a positive weight', found: p });
    }
    const r = c.report;
    if (r.hotline + r.app + r.gridWorker > 1 + 1e-9) {
      problems.push({ path: `${at}.report`, expected: 'channel probabilities summing to at most 1', found: r });
    }
    if (a.department > 0) {
      if (!c.department) {
        problems.push({ path: `${at}.department`, expected: 'the name of a department (authority.department > 0)' });
      } else if (!departments.has(c.department)) {
        problems.push({
          path: `${at}.department`,
          expected: `one of the departments (${[...departments].map((d) => `"${d}"`).join(', ') || 'none defined'})`,
          found: c.department,
        });
      }
    }
    dist(`${at}.workHours`, c.workHours);
    dist(`${at}.reportDelayHours`, c.reportDelayHours);
    dist(`${at}.patienceHours`, c.patienceHours);
  });
  s.demand.profile.surges.forEach((sg, i) => {
    if (sg.endDay <= sg.startDay) {
      problems.push({ path: `demand.profile.surges.${i}.endDay`, expected: `greater than startDay (${sg.startDay})`, found: sg.endDay });
    }
    sg.categories?.forEach((name, j) => {
      if (!names.has(name)) {
        problems.push({ path: `demand.profile.surges.${i}.categories.${j}`, expected: 'the name of a demand category', found: name });
      }
    });
  });
  optionalSectionProblems(s, names, dist, problems);
  problems.push(...parametersBlockProblems(s)); // issue 12: the sensitivity parameters block
  mechanismProblems(s, names, dist, problems);
  return problems;
}

/** The optional sections of issue 6 (satisfaction, callbacks, self-management, top-down tasks). */
function optionalSectionProblems(s: Scenario, categories: Set<string>, dist: (path: string, d: DistSpec) => void, problems: InputProblem[]): void {
  const cb = s.deadlineCallback;
  if (cb?.callHours) dist('deadlineCallback.callHours', cb.callHours);
  const sm = s.selfManagement;
  if (sm) {
    staffing('selfManagement.volunteers', sm.volunteers, problems, false);
    dist('selfManagement.noticeDelayHours', sm.noticeDelayHours);
    sm.categories?.forEach((name, j) => {
      if (!categories.has(name)) problems.push({ path: `selfManagement.categories.${j}`, expected: 'the name of a demand category', found: name });
    });
  }
  const td = s.topDownTasks;
  if (td) {
    td.campaigns.forEach((c, i) => {
      if (c.endDay <= c.startDay) problems.push({ path: `topDownTasks.campaigns.${i}.endDay`, expected: `greater than startDay (${c.startDay})`, found: c.endDay });
      dist(`topDownTasks.campaigns.${i}.workHours`, c.workHours);
    });
    const v = td.volunteers;
    if (v) {
      staffing('topDownTasks.volunteers.staffing', v.staffing, problems, false);
      if (v.endDay <= v.startDay) problems.push({ path: 'topDownTasks.volunteers.endDay', expected: `greater than startDay (${v.startDay})`, found: v.endDay });
    }
  }
  const seen = new Set<string>();
  s.variants?.forEach((v, i) => {
    if (seen.has(v.name)) problems.push({ path: `variants.${i}.name`, expected: 'a unique variant name', found: v.name });
    seen.add(v.name);
  });
}

/** `scalable`: false for volunteer pools, which are one pool per grid on shared calendars (no perResidents). */
function staffing(path: string, st: Staffing, problems: InputProblem[], scalable = true): void {
  namedGroups(st).forEach(({ at: rel, group: g }) => {
    const at = `${path}${rel}`;
    if (!scalable && g.perResidents !== undefined) {
      problems.push({ path: `${at}.perResidents`, expected: 'no perResidents (volunteers are counted per grid)', found: g.perResidents });
    }
    if (g.shift !== 'always' && g.shift.endHour <= g.shift.startHour) {
      problems.push({ path: `${at}.shift.endHour`, expected: `greater than startHour (${g.shift.startHour})`, found: g.shift.endHour });
    }
  });
}
