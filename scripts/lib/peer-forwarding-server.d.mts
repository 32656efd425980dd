import type { IncomingMessage, Server, ServerResponse } from "node:http";

export function withPeerAddress(forwardedFor: string | string[] | undefined, peer: string | undefined): string;
export function createPeerForwardingServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown): Server;
