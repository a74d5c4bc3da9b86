import type { RunSummary } from '../results/summary-types.js';

/**
 * The figures the IoT-MCP paper reports (Yang et al., "IoT-MCP: Bridging LLMs and IoT Systems Through Model
 * Context Protocol", ACM WiNTECH '25, arXiv 2510.01260), as collected in the project's reference page
 * `original-iot-mcp.md`, "Published figures":
 * - success: 100% of tool calls "fully meet expectations and obtain completely accurate results"; 99% on
 *   complex prompts;
 * - response time: 205 ms average for one tool call, tool invoked to result returned, excluding LLM generation;
 * - datapool share: 30-75% of the response time; idle network overhead 128 ms;
 * - memory: 74 KB peak on the MCU (MicroPython `gc.mem_alloc()` high-water mark);
 * - concurrency: linear up to 4 simultaneous requests (the firmware has 4 hardware timers).
 * They are the paper's claims, typed in once here; nothing of ours is ever compared against a number that
 * is not in this file.
 */
export const PAPER = {
  citation: 'Yang et al., IoT-MCP, ACM WiNTECH 2025 (arXiv 2510.01260)',
  successRate: 1,
  complexSuccessRate: 0.99,
  meanResponseMs: 205,
  idleNetworkOverheadMs: 128,
  datapoolShare: [0.3, 0.75] as const,
  /** "74 KB", read as KiB since `gc.mem_alloc()` counts bytes and MicroPython reports in 1024s. */
  peakMemoryBytes: 74 * 1024,
  /** Simultaneous requests up to which response time scales linearly. */
  concurrency: 4,
} as const;

/** The paper's figures in the shape `summary.json` carries them. */
export function paperFigures(): RunSummary['paper'] {
  return {
    successRate: PAPER.successRate,
    meanResponseMs: PAPER.meanResponseMs,
    peakMemoryBytes: PAPER.peakMemoryBytes,
    concurrency: PAPER.concurrency,
  };
}
