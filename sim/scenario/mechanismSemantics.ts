import type { DistSpec } from '../random/distributions.ts';
import type { InputProblem } from './errors.ts';
import type { Scenario } from './schema.ts';

/** Checks of the `mechanisms` block the schema cannot express: category names, distributions. */
export function mechanismProblems(s: Scenario, categories: Set<string>, dist: (path: string, d: DistSpec) => void, problems: InputProblem[]): void {
  const m = s.mechanisms;
  if (!m) return;
  for (const name of Object.keys(m.informalSettlement?.byCategory ?? {})) {
    if (!categories.has(name)) problems.push({ path: `mechanisms.informalSettlement.byCategory.${name}`, expected: 'the name of a demand category', found: name });
  }
  if (m.localKnowledge) dist('mechanisms.localKnowledge.hours', m.localKnowledge.hours);
  const md = m.multiDepartment;
  if (md) {
    dist('mechanisms.multiDepartment.extraDepartments', md.extraDepartments);
    dist('mechanisms.multiDepartment.coordinationHours', md.coordinationHours);
    dist('mechanisms.multiDepartment.bringInHours', md.bringInHours);
  }
  const dup = m.duplicateReports;
  if (dup) {
    dist('mechanisms.duplicateReports.extraReports', dup.extraReports);
    dist('mechanisms.duplicateReports.delayHours', dup.delayHours);
    dist('mechanisms.duplicateReports.inspectHours', dup.inspectHours);
  }
}
