/**
 * What a program may import from the package (`import { loadTasks, checkAnswer } from 'iotmcp-bench'`): the
 * MCP-over-MQTT client, the datapool's HTTP client, the task loader and the scorer, with their types. The
 * rest of the code is the CLI's and may change between versions.
 */

export { connectMqttClient, openMqttSession, type ConnectMqttClientOptions, type ConnectedMqttClient } from './mcp/mqtt/connect.js';
export { HttpDatapoolClient, type HttpClientOptions } from '../datapool/http-client.js';
export type { CommandRequest, CommandStatus, DatapoolClient, McuInfo, SampleRecord, WaitOptions } from '../datapool/types.js';
export { loadTaskFile, loadTasks, parseTaskFile, formatProblem, type LoadResult, type LoadedTask, type SuiteChoice, type TaskProblem } from '../tasks/load.js';
export type { AnswerFact, Task } from '../tasks/schema.js';
export { checkAnswer, type AnswerContext } from './scoring/answer-check.js';
export type { FactVerdict } from './results/trial-record.js';
export { scoreTrial, SCORING_VERSION } from './scoring/score-trial.js';
export type { TrialRecord, TrialScore } from './results/trial-record.js';
