import { TRIAL_META_KEY } from '../../core/tool-meta.js';

/**
 * The users of the trials a host is running, as the harness plays them: when the safety gate asks to confirm a
 * move (an MCP elicitation naming the trial in `_meta[TRIAL_META_KEY]`), the host answers as that trial's user,
 * never the model. A trial's user is known only while one of its calls runs (`host.call` with `user` and a world
 * naming the trial registers it and takes it back when the call ends), so an elicitation for a trial that has no
 * call in flight, or none naming a user, is declined: nobody is there to say yes.
 *
 * Which call asked: the elicitation names the trial, not the call. When one call of the trial is in flight (the
 * usual case: one move per turn) the answer is that call's. When several are, it goes to every one of them that
 * can move something (an actuator command other than `status`), since one of them asked and the host cannot tell
 * which; the answer itself is the same for all, a trial having one user.
 */

/** How a trial's user answers a request to confirm a move. */
export interface TrialUser {
  confirms: boolean;
}

/** What the user said, as a tool call record keeps it. */
export type ConfirmationAnswer = 'accepted' | 'declined';

/** The elicitation result the host sends back (the requested schema is `{confirm: boolean}`). */
export type ConfirmationReply = { action: 'accept'; content: { confirm: true } } | { action: 'decline' };

/** One call in flight for a trial. */
export interface TrialCallRegistration {
  /** The answers given to this trial's elicitations while the call ran (one, almost always). */
  readonly answers: ConfirmationAnswer[];
  /** Takes the registration back (once; later calls do nothing). */
  release(): void;
}

interface InFlight {
  user: TrialUser;
  /** Whether the call can move an actuator: only such calls are asked to confirm. */
  moves: boolean;
  answers: ConfirmationAnswer[];
}

/** Longest trial id kept (the world's bound). */
const MAX_TRIAL_ID_CHARS = 200;

export class TrialUsers {
  private readonly byTrial = new Map<string, Set<InFlight>>();

  /** Registers a call of `trial` whose user is `user` until `release`. */
  register(trial: string, user: TrialUser, moves: boolean): TrialCallRegistration {
    const entry: InFlight = { user: { confirms: user.confirms }, moves, answers: [] };
    let calls = this.byTrial.get(trial);
    if (calls === undefined) {
      calls = new Set();
      this.byTrial.set(trial, calls);
    }
    calls.add(entry);
    let released = false;
    return {
      answers: entry.answers,
      release: () => {
        if (released) return;
        released = true;
        const set = this.byTrial.get(trial);
        set?.delete(entry);
        if (set?.size === 0) this.byTrial.delete(trial);
      },
    };
  }

  /** Trials with a call in flight now. */
  get size(): number {
    return this.byTrial.size;
  }

  /** Answers an elicitation as the user of the trial its `_meta` names; declines when there is none. */
  answer(meta: Record<string, unknown> | undefined): ConfirmationReply {
    const trial = meta?.[TRIAL_META_KEY];
    const calls = typeof trial === 'string' && trial.length <= MAX_TRIAL_ID_CHARS ? this.byTrial.get(trial) : undefined;
    if (calls === undefined || calls.size === 0) return { action: 'decline' };
    const inFlight = [...calls];
    // The newest registration speaks for the trial: every call of one trial carries the same user.
    const confirms = inFlight[inFlight.length - 1]!.user.confirms;
    const answer: ConfirmationAnswer = confirms ? 'accepted' : 'declined';
    const moving = inFlight.filter((call) => call.moves);
    for (const call of moving.length > 0 ? moving : inFlight) call.answers.push(answer);
    return confirms ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
  }
}
