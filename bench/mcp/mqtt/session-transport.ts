import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { DISCONNECTED_PAYLOAD } from './topics.js';

/**
 * The server side of one client's session, as an SDK `Transport`. The server host owns the MQTT
 * connection and routes this client's messages here (`deliver`); replies go out on the session's RPC
 * topic through `publish`. One SDK server instance is connected to each session, as with stateful
 * Streamable HTTP: a Protocol carries exactly one conversation.
 */

export interface SessionTransportOptions {
  clientId: string;
  rpcTopic: string;
  /** Publishes on the host's connection (with the MCP user properties). */
  publish: (topic: string, payload: string) => Promise<void>;
  /** Called once when the session ends, whoever ended it (the host unsubscribes and forgets it). */
  onEnded: (session: MqttSessionTransport) => void;
}

export class MqttSessionTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly sessionId: string;
  readonly clientId: string;
  readonly rpcTopic: string;
  /** Messages that arrived before the SDK server started the transport (the `initialize` itself). */
  private readonly early: JSONRPCMessage[] = [];
  private started = false;
  private closed = false;
  private clientGone = false;

  constructor(private readonly options: SessionTransportOptions) {
    this.clientId = options.clientId;
    this.rpcTopic = options.rpcTopic;
    this.sessionId = options.clientId;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error(`session of ${this.clientId} already started`);
    this.started = true;
    for (const message of this.early.splice(0)) this.onmessage?.(message);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error(`session of MCP client ${this.clientId} is closed`);
    await this.options.publish(this.rpcTopic, JSON.stringify(message));
  }

  /** A message from this session's client. */
  deliver(message: JSONRPCMessage): void {
    if (this.closed) return;
    if (!this.started) this.early.push(message);
    else this.onmessage?.(message);
  }

  /** The client left (its `disconnected`, its will, or our lost connection): closing must not write to it. */
  markClientGone(): void {
    this.clientGone = true;
  }

  /** Ends the session; the client is told with `notifications/disconnected` unless it is the one who left. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.early.length = 0;
    if (!this.clientGone) {
      try {
        await this.options.publish(this.rpcTopic, DISCONNECTED_PAYLOAD);
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.onclose?.();
    this.options.onEnded(this);
  }
}
