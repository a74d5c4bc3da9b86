import type { Message } from '../../results/conversation.js';
import type { ChatHistoryItem, ChatModelFunctionCall } from './node-llama-cpp-api.js';

/**
 * Our conversation as node-llama-cpp's chat history. node-llama-cpp keeps a model's whole multi-step answer
 * in one "model" item, each function call there holding its own result; we keep assistant turns and tool
 * messages apart. So consecutive assistant turns (with only tool messages between them) merge into one model
 * item, and each tool message becomes the `result` of the call with its id. The history always ends with a
 * model item, which is what LlamaChat continues: empty for a fresh answer, or the calls so far.
 */
export function toChatHistory(messages: readonly Message[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const awaitingResult = new Map<string, ChatModelFunctionCall>();
  const currentModelItem = (): Extract<ChatHistoryItem, { type: 'model' }> => {
    const last = history.at(-1);
    if (last?.type === 'model') return last;
    const item: Extract<ChatHistoryItem, { type: 'model' }> = { type: 'model', response: [] };
    history.push(item);
    return item;
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'user':
        history.push({ type: message.role, text: message.content });
        break;
      case 'assistant': {
        const item = currentModelItem();
        if (message.content !== '') item.response.push(message.content);
        for (const call of message.toolCalls) {
          const functionCall: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: parseJson(call.arguments), result: NO_RESULT };
          item.response.push(functionCall);
          awaitingResult.set(call.id, functionCall);
        }
        break;
      }
      case 'tool': {
        const call = awaitingResult.get(message.toolCallId);
        const result = message.isError ? `Error: ${message.content}` : parseJson(message.content);
        if (call !== undefined) {
          call.result = result;
          awaitingResult.delete(message.toolCallId);
        } else {
          // A result whose call is not in the conversation (cut off by the caller): still let the model read it.
          history.push({ type: 'user', text: `Result of ${message.name}: ${message.content}` });
        }
        break;
      }
    }
  }
  currentModelItem();
  return history;
}

/** What a call without a tool message shows the model (node-llama-cpp renders every call with a result). */
const NO_RESULT = 'no result';

/** JSON text as its value, so a result renders as JSON rather than as a quoted string; other text as is. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
