import type { Case } from './types.ts';
import type { Activity, ContactKind, Desk, StaffMember } from './world.ts';

/**
 * The typed event stream. Every collector (summary, CSV rows, time series, replay) listens to
 * the same events; names are past tense. `t` is the simulation time in hours.
 */
export type SimEvent =
  | { type: 'issueOccurred'; t: number; case: Case }
  | { type: 'caseReported'; t: number; case: Case }
  | { type: 'caseDiscovered'; t: number; case: Case }
  | { type: 'contactReceived'; t: number; contact: ContactKind; case: Case | null; desk: Desk }
  | { type: 'caseRegistered'; t: number; case: Case }
  | { type: 'caseQueued'; t: number; case: Case; desk: Desk }
  | { type: 'caseEscalated'; t: number; case: Case; from: Desk; to: Desk; reason: 'authority' | 'timeout' }
  | { type: 'caseBounced'; t: number; case: Case; from: Desk; to: Desk }
  | { type: 'caseResolved'; t: number; case: Case; desk: Desk }
  | { type: 'caseVerified'; t: number; case: Case }
  | { type: 'caseReopened'; t: number; case: Case }
  | { type: 'caseClosed'; t: number; case: Case }
  /** A visit to a desk begins (case, verification or contact) — for backlog and Little's law. */
  | { type: 'deskEntered'; t: number; desk: Desk; case: Case | null }
  | { type: 'deskLeft'; t: number; desk: Desk; case: Case | null; enteredAt: number }
  /** `travelHours` > 0: the worker first travels that long (both ways included), then does `activity`. */
  | { type: 'workStarted'; t: number; staff: StaffMember; activity: Activity; case: Case | null; travelHours: number }
  | { type: 'workFinished'; t: number; staff: StaffMember; activity: Activity; case: Case | null }
  | { type: 'staffOnDuty'; t: number; staff: StaffMember }
  | { type: 'staffOffDuty'; t: number; staff: StaffMember };

export type SimEventType = SimEvent['type'];

/** Every event type, in declaration order. */
export const SIM_EVENT_TYPES: readonly SimEventType[] = [
  'issueOccurred', 'caseReported', 'caseDiscovered', 'contactReceived', 'caseRegistered', 'caseQueued',
  'caseEscalated', 'caseBounced', 'caseResolved', 'caseVerified', 'caseReopened', 'caseClosed',
  'deskEntered', 'deskLeft', 'workStarted', 'workFinished', 'staffOnDuty', 'staffOffDuty',
];

export interface SimObserver {
  /**
   * The only event types this observer needs; it is not called for others (a run announces
   * ≈ 3 events per engine event, and most observers need a few kinds). Absent: every type.
   */
  readonly eventTypes?: readonly SimEventType[];
  onEvent(e: SimEvent): void;
  /** Called once after the run reaches its horizon. */
  onFinish?(t: number): void;
}
