import { randomBytes } from 'node:crypto';

/**
 * One-time codes that stand for a user's confirmation of one exact actuation. A code is random (nothing in the
 * request derives it), bound to the caller and to the action's arguments, valid until it expires, and spent by
 * the one move it allows. Which channel carries it (the tool result, an elicitation to the user) is the
 * server's choice; the gate only checks that a code matches what it was issued for.
 */

/** What a code is issued for: the caller, and the action as canonical keys (`nameKey` spellings, the value set). */
export interface ConfirmationBinding {
  caller: string;
  /** The trial or world context the action is in: a code confirms nothing in another. */
  scope: string;
  actuator: string;
  place: string;
  mcu: string;
  command: string;
  value: number;
}

export interface IssuedCode {
  code: string;
  /** Time (the store's clock, ms) from which the code is no longer accepted. */
  expiresAt: number;
}

/** Why a code does not confirm a call. */
export type CodeProblem = 'unknown' | 'expired' | 'other-caller' | 'other-arguments';

export type CodeCheck = { valid: true } | { valid: false; problem: CodeProblem; message: string };

export const DEFAULT_CODE_EXPIRY_MS = 5 * 60_000;

export interface ConfirmationCodesOptions {
  clock?: () => number;
  expiresAfterMs?: number;
  /**
   * Codes one caller may hold at once in one scope; issuing one more drops that caller's oldest there. Per scope, so
   * trials that share a caller (one host's client runs many side by side) never drop each other's codes: how many
   * others ran at the same time must not decide whether the user's yes in one of them still counts.
   */
  maxPerCaller?: number;
  /** Codes held for all callers together; issuing one more drops the oldest of all. */
  maxOutstanding?: number;
}

interface Entry {
  caller: string;
  scope: string;
  /** Whose quota the code counts towards: the caller in the scope (`holderKey`). */
  holder: string;
  action: string;
  /** The action in words, for the message when the code is shown with other arguments. */
  described: string;
  expiresAt: number;
}

function holderKey(binding: Pick<ConfirmationBinding, 'caller' | 'scope'>): string {
  return JSON.stringify([binding.caller, binding.scope]);
}

function actionKey(binding: ConfirmationBinding): string {
  return JSON.stringify([binding.scope, binding.actuator, binding.place, binding.mcu, binding.command, binding.value]);
}

export class ConfirmationCodes {
  readonly #clock: () => number;
  readonly #expiresAfterMs: number;
  readonly #maxPerCaller: number;
  readonly #maxOutstanding: number;
  /** In the order issued, so the oldest (and, with one expiry for all, the first to expire) comes first. */
  readonly #codes = new Map<string, Entry>();
  /** Each caller's codes in each scope, oldest first. */
  readonly #byHolder = new Map<string, string[]>();

  constructor(options: ConfirmationCodesOptions = {}) {
    this.#clock = options.clock ?? Date.now;
    this.#expiresAfterMs = options.expiresAfterMs ?? DEFAULT_CODE_EXPIRY_MS;
    this.#maxPerCaller = options.maxPerCaller ?? 8;
    this.#maxOutstanding = options.maxOutstanding ?? 1024;
    for (const [name, bound] of [
      ['expiresAfterMs', this.#expiresAfterMs],
      ['maxPerCaller', this.#maxPerCaller],
      ['maxOutstanding', this.#maxOutstanding],
    ] as const) {
      if (!Number.isSafeInteger(bound) || bound < 1) throw new Error(`confirmation codes: ${name} must be a whole number of at least 1, got ${bound}`);
    }
  }

  /** Codes not yet spent, dropped or found expired. */
  get outstanding(): number {
    return this.#codes.size;
  }

  issue(binding: ConfirmationBinding, described: string): IssuedCode {
    const now = this.#clock();
    this.#dropExpired(now);
    const holder = holderKey(binding);
    for (let mine = this.#byHolder.get(holder); mine && mine.length >= this.#maxPerCaller; mine = this.#byHolder.get(holder)) {
      this.#drop(mine[0]!);
    }
    while (this.#codes.size >= this.#maxOutstanding) this.#drop(this.#codes.keys().next().value!);
    const code = randomBytes(16).toString('base64url');
    const expiresAt = now + this.#expiresAfterMs;
    this.#codes.set(code, { caller: binding.caller, scope: binding.scope, holder, action: actionKey(binding), described, expiresAt });
    this.#byHolder.set(holder, [...(this.#byHolder.get(holder) ?? []), code]);
    return { code, expiresAt };
  }

  /** Whether `code` confirms exactly this call. Does not spend it: the call may still be refused for another reason. */
  check(code: string, binding: ConfirmationBinding): CodeCheck {
    const entry = this.#codes.get(code);
    const again = 'Call again without confirmationCode to get a new code, and ask the user again.';
    // Another caller learns nothing about the code: not whose it is, not what it confirms, not when it expires.
    if (entry === undefined || entry.caller !== binding.caller) {
      const problem = entry === undefined ? 'unknown' : 'other-caller';
      return {
        valid: false,
        problem,
        message: `Confirmation code ${JSON.stringify(code)} is not one outstanding for you (wrong, already used, or replaced by newer codes). ${again}`,
      };
    }
    if (this.#clock() >= entry.expiresAt) {
      this.#drop(code);
      return {
        valid: false,
        problem: 'expired',
        message: `Confirmation code ${JSON.stringify(code)} expired at ${new Date(entry.expiresAt).toISOString()}. ${again}`,
      };
    }
    if (entry.action !== actionKey(binding)) {
      return {
        valid: false,
        problem: 'other-arguments',
        message: `Confirmation code ${JSON.stringify(code)} confirms ${entry.described}, and only that: the user did not confirm this call. Call again with exactly those arguments, or without confirmationCode to ask the user about this one.`,
      };
    }
    return { valid: true };
  }

  /** Spends a code that `check` found valid, once the call it confirms is allowed. */
  spend(code: string): void {
    this.#drop(code);
  }

  /** Voids every outstanding code: what a user confirmed before an emergency is not confirmed after it. */
  clear(): void {
    this.#codes.clear();
    this.#byHolder.clear();
  }

  /** Voids the codes of one scope: its emergency stop, or its end. */
  clearScope(scope: string): void {
    for (const [code, entry] of this.#codes) if (entry.scope === scope) this.#drop(code);
  }

  #dropExpired(now: number): void {
    for (const [code, entry] of this.#codes) {
      if (entry.expiresAt > now) break;
      this.#drop(code);
    }
  }

  #drop(code: string): void {
    const entry = this.#codes.get(code);
    this.#codes.delete(code);
    if (entry === undefined) return;
    const rest = (this.#byHolder.get(entry.holder) ?? []).filter((held) => held !== code);
    if (rest.length === 0) this.#byHolder.delete(entry.holder);
    else this.#byHolder.set(entry.holder, rest);
  }
}
