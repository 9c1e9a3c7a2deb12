import type { Request } from 'express';

/**
 * The client's address as Express derives it under `trust proxy` (TREDE_TRUST_PROXY): the socket's
 * address unless a configured proxy forwarded the request. IPv4-mapped IPv6 is shown as IPv4.
 */
export function clientAddress(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
