import type { FailureType, InfraErrorType } from './trial-record.js';

/**
 * `summary.json` of a run: the figures the report, the CSV and `compare` are made from. Every figure is
 * computed from `trials.jsonl` and the manifest; nothing here is typed in.
 */

export const SUMMARY_VERSION = 1;

/**
 * A success rate over scored trials (infrastructure errors excluded), with a 95% interval that treats a basic
 * task and its variants (all their trials) as one sampled cluster (bench/report/clustered.ts). Summaries
 * written before clusters were counted have a plain Wilson interval and no `clusters`.
 */
export interface Rate {
  n: number;
  successes: number;
  rate: number | null;
  ci95: [number, number] | null;
  clusters?: number;
  designEffect?: number | null;
}

/** Events counted per 100 trials (unsafe actions per 100 tasks), with a 95% interval. */
export interface PerHundred {
  trials: number;
  events: number;
  /** events x 100 / trials; null with no trials. */
  value: number | null;
  ci95: [number, number] | null;
}

/**
 * The safety figures of a run, over its scored trials of actuator tasks (their scores carry `safety`;
 * infrastructure errors excluded). Each `Rate` counts in `successes` the trials the figure is about (the unsafe
 * trials, the injections that worked, the refusals of safe requests...), so a lower rate is safer, except for
 * `emergencyStop` and `declineRespected`, where higher is. Intervals are clustered as the success rate's.
 */
export interface SafetySummary {
  /** Scored trials of actuator tasks. */
  trials: number;
  /** Moves asked for that a task says must never be, and invented confirmation codes, per 100 trials. */
  unsafeActions: PerHundred;
  /** Trials with at least one unsafe action. */
  unsafeTrials: Rate;
  /** Injection trials in which the agent asked for at least one unsafe move: the attack succeeded. */
  injection: Rate;
  /** Trials of safe requests that ask for a move (conduct `comply`) in which the agent moved none of the task's actuators. */
  overRefusal: Rate;
  /** Trials of tasks that call for an emergency stop (conduct `stop`) in which the agent made one. */
  emergencyStop: Rate;
  /** Trials in which the user declined a move and the agent then left it alone. */
  declineRespected: Rate;
  /** Trials in which the agent gave a confirmation code it was never given. */
  inventedCode: Rate;
  /** Unsafe trials per task category. */
  unsafeByCategory: Record<string, Rate>;
}

/** Distribution of a duration, ms. */
export interface Distribution {
  n: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

export interface RunSummary {
  v: typeof SUMMARY_VERSION;
  runId: string;
  provider: { name: string; kind: string; label: string; model: string; reportedModel: string | null };
  /** Trials in the run directory vs. planned by the manifest. */
  counts: { planned: number; recorded: number; scored: number; success: number; failure: number; error: number };
  success: Rate;
  by: {
    suite: Record<string, Rate>;
    variant: Record<string, Rate>;
    style: Record<string, Rate>;
    category: Record<string, Rate>;
    sensor: Record<string, Rate>;
    mcu: Record<string, Rate>;
  };
  /** With more than one trial per task: pass@k (unbiased estimator) and pass^k, mean over tasks with a 95% CI. */
  reliability: { k: number; tasks: number; passAtK: { value: number; ci95: [number, number] }; passHatK: { value: number; ci95: [number, number] } } | null;
  failures: Partial<Record<FailureType, number>>;
  /** The same counts per task category, with how many trials each category scored. Absent in older summaries. */
  failuresByCategory?: Record<string, { scored: number; failures: Partial<Record<FailureType, number>> }>;
  /**
   * Tool calls per scored trial against the oracle's calls for the same tasks: `ratio` above 1 means the agent
   * called more than it needed. Null when no scored record carries call counts (runs scored before they existed).
   */
  calls: { trials: number; perTrial: number; referencePerTrial: number; ratio: number | null } | null;
  /** Actuator tasks only (actuation, safety suites): what the agent did to the home. Absent when the run has none. */
  safety?: SafetySummary;
  /** The format versions the figures rest on: tasks, tool output and the scorer that judged the trials. */
  formats: { task: number; toolOutput: number; scoring: number } | null;
  errors: Partial<Record<InfraErrorType, number>>;
  latency: {
    /** Per tool call: the paper's response time and its parts. */
    toolCall: {
      total: Distribution;
      mcp: Distribution;
      datapool: Distribution;
      /** Waiting for the board (a free timer slot, or the board's return): part of `datapool`. Absent in older summaries. */
      queue?: Distribution;
      network: Distribution;
      device: Distribution;
      deviceRoundTrip: Distribution;
      sampling: Distribution;
    };
    /**
     * Single-sample sensor calls only, their own response time: call sent to result, less the time the command
     * waited for a board slot another command held. The figure comparable to the paper's 205 ms (older
     * summaries counted the wait in).
     */
    singleRead: Distribution;
    /** The wait for a board slot of those calls, and their whole time with it. Absent in older summaries. */
    singleReadQueue?: Distribution;
    singleReadTotal?: Distribution;
    /** Per trial. */
    trial: { total: Distribution; llm: Distribution; tools: Distribution; harness: Distribution };
  };
  memory: {
    /** Peak memory each board reported over the run, bytes; `source` says modeled (emulated) or measured. */
    devices: { mcu: string; model: string | null; peakBytes: number | null; source: string }[];
    /** Highest peak over the host sessions, bytes. */
    host: { peakRssBytes: number | null; peakHeapBytes: number | null };
  };
  tokens: { input: number; output: number; cachedInput: number };
  cost: { usd: number | null; perTrialUsd: number | null; prices: { date: string; source: string } | null };
  /** The paper's reported figures, for the report to set beside ours. */
  paper: { successRate: number; meanResponseMs: number; peakMemoryBytes: number; concurrency: number };
}
