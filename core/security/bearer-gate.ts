import type { IncomingMessage } from 'node:http';
import { TOKEN } from './secret-sources.js';
import type { TokenCheck } from './token-check.js';

/** Why an HTTP request was turned away, for a 401 in each API's own error shape. */
export interface BearerRefusal {
  message: string;
  /** The `WWW-Authenticate` header (RFC 6750), telling a client which scheme to use. */
  challenge: string;
}

/**
 * The gate in front of every request of an HTTP listener that has a token: null lets the request through;
 * otherwise the caller answers 401 with the refusal. With no token (`check` null) everything passes.
 */
export function checkBearer(check: TokenCheck | null, req: IncomingMessage, realm: string): BearerRefusal | null {
  if (check === null) return null;
  const authorization = req.headers.authorization;
  if (check.matchesBearer(authorization)) return null;
  if (authorization === undefined) {
    return {
      message: `${realm} requires a token: send "Authorization: Bearer <token>" (iotmcp-bench clients: ${TOKEN.flag} or ${TOKEN.env})`,
      challenge: `Bearer realm="${realm}"`,
    };
  }
  return {
    message: `${realm} refused the token: send the one it was started with as "Authorization: Bearer <token>"`,
    challenge: `Bearer realm="${realm}", error="invalid_token"`,
  };
}
