/**
 * The system prompt every language model gets. Deliberately short and neutral: it says what the tools are
 * for and what an answer must hold, and nothing about particular sensors, places or tasks, so the benchmark
 * measures the model's use of the tools' own names, descriptions and schemas.
 */
export const DEFAULT_SYSTEM_PROMPT = [
  'You are an assistant with tools for the sensors of a home IoT fleet.',
  'Use the tools to read live values; do not guess or invent readings.',
  "Answer the user's question, stating the values you read with their units.",
].join(' ');
