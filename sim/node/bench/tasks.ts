import type { OpenCaseLevel } from './openCases.ts';

/** What one bench child process measures. */
export type BenchTask =
  | { kind: 'floor'; depth: number; events: number }
  /** The hand-written event loop of the three-tier network in `file` (chainLoop.ts), with `set` applied. */
  | { kind: 'chainLoop'; file: string; set: string[] }
  | {
      kind: 'run';
      file: string;
      set: string[];
      /** Keep only the first k districts of the scenario's list, or of its boundary features (the scaling series). */
      districts?: number;
      outDir: string;
      cases: boolean;
      keep?: boolean;
      /** Read the run's daily open-case level from its timeseries.csv (openCases.ts). */
      openCases?: boolean;
    };

export interface FloorMeasurement {
  depth: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  microsecondsPerEvent: number;
  peakRssMB: number;
}

export interface ChainLoopMeasurement {
  wallSeconds: number;
  startupSeconds: number;
  /** The loop alone. */
  runSeconds: number;
  cases: number;
  events: number;
  meanSojournHours: number;
  peakRssMB: number;
}

export interface RunMeasurement {
  /** Spawn to exit of the process: what a user waits for `gridgov run`. */
  wallSeconds: number;
  /** Process start to the run's start (node, tsx, loading modules). */
  startupSeconds: number;
  /** Building, simulating and writing the folder. */
  runSeconds: number;
  events: number;
  meanPendingEvents: number;
  /** Cases created over the whole run (warm-up included), and in the statistics window. */
  casesAll: number;
  cases: number;
  bytesWritten: number;
  peakRssMB: number;
  checksOk: boolean;
  /** The open-case level over the run (the megacity run only). */
  openCases?: OpenCaseLevel;
}
