import type { Routing } from './types.ts';
import type { DeskRef } from '../model/world.ts';

/**
 * Names where a case goes next. A policy chooses destinations, never what the move costs: the
 * scenario's hand-off channel (`handoff`, sim/model/handoffChannel.ts) charges every move between
 * two units the same under every policy. `extra` adds routing fields, e.g. `{ escalation: true }`.
 */
export function sendTo(desk: DeskRef, extra: Partial<Routing> = {}): Routing {
  return { desk: desk.id, ...extra };
}
