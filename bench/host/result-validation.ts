import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

/**
 * How the host's SDK clients check a tool's structured result against the output schema it declared (MCP
 * says clients should). The SDK compiles one validator per listed tool, tens of ms each: across the 80
 * sensor tools that is seconds at connect time. One host shares one compiler, and a schema it has seen
 * (the same sensor tool on two boards) is compiled once; a host may also skip the check.
 */

/** Shared by every client of one host: compiled validators by schema text. */
export function sharedResultValidator(): jsonSchemaValidator {
  const ajv = new AjvJsonSchemaValidator();
  const compiled = new Map<string, JsonSchemaValidator<unknown>>();
  return {
    getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
      const key = JSON.stringify(schema);
      let validator = compiled.get(key);
      if (validator === undefined) {
        validator = ajv.getValidator<unknown>(schema);
        compiled.set(key, validator);
      }
      return validator as JsonSchemaValidator<T>;
    },
  };
}

/** Accepts every result as it came (the servers' own output validation still runs). */
export const SKIP_RESULT_VALIDATION: jsonSchemaValidator = {
  getValidator<T>(): JsonSchemaValidator<T> {
    return (input) => ({ valid: true, data: input as T, errorMessage: undefined });
  },
};
