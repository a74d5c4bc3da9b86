import type { Task } from '../../tasks/schema.js';
import type { Provider, TurnRequest } from '../providers/provider.js';
import type { ModelTurn } from '../results/conversation.js';

/**
 * What plays a trial: a language model behind its provider, or a reference agent of this project. A model
 * sees only the conversation and the tools; a reference agent is started on each trial with the task it
 * plays (the oracle plays the task's expected calls) and then answers that trial's turns as a model does.
 */

/**
 * The reference agents: scripted agents of this project, never models. The baseline sets the floor a model
 * has to beat, the oracle checks the harness, the adversaries attack the scorer with answers that must fail.
 */
export type ReferenceAgentKind = 'baseline' | 'oracle' | 'adversary';

/** One trial's player: it answers the turns of the trial it was started on. */
export interface TrialPlayer {
  turn(request: TurnRequest): Promise<ModelTurn>;
}

export interface ReferenceAgent extends Pick<Provider, 'name' | 'model' | 'label' | 'parallelToolCalls' | 'close'> {
  readonly kind: ReferenceAgentKind;
  /** The player of one trial of `task`: the task is the agent's to read (a model never sees it). */
  startTrial(task: Task): TrialPlayer;
}

export type Agent = Provider | ReferenceAgent;

export function isReferenceAgent(agent: Agent): agent is ReferenceAgent {
  return agent.kind !== 'llm';
}
