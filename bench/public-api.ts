/**
 * What a program may import from the package (`import { loadTasks, checkAnswer } from 'iotmcp-bench'`): the
 * MCP-over-MQTT client, the datapool's HTTP client, the task loader and the scorer, with their types. The
 * rest of the code is the CLI's and may change between versions.
 */

export { type HttpClientOptions, HttpDatapoolClient } from '../datapool/http-client.js';
export type { CommandRequest, CommandStatus, DatapoolClient, McuInfo, SampleRecord, WaitOptions } from '../datapool/types.js';
export { formatProblem, type LoadedTask, type LoadResult, loadTaskFile, loadTasks, parseTaskFile, type SuiteChoice, type TaskProblem } from '../tasks/load.js';
export type { AnswerFact, Task } from '../tasks/schema.js';
export { type ConnectedMqttClient, type ConnectMqttClientOptions, connectMqttClient, openMqttSession } from './mcp/mqtt/connect.js';
export type { FactVerdict, TrialRecord, TrialScore } from './results/trial-record.js';
export { type AnswerContext, checkAnswer } from './scoring/answer-check.js';
export { SCORING_VERSION, scoreTrial } from './scoring/score-trial.js';
