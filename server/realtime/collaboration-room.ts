import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Env } from "../env";
import { echoClose } from "./close";

const peerSchema = z.object({
  name: z.string().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type Peer = z.infer<typeof peerSchema> & { id: string };

/**
 * One per resume: relays edits between the people in it and announces who joins and
 * leaves. Sockets hibernate between messages; each carries its peer in its attachment so
 * presence survives hibernation. The CRDT document itself arrives with the collaboration
 * issue; this room already relays its updates unchanged.
 */
export class CollaborationRoom extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const url = new URL(request.url);
    const parsed = peerSchema.safeParse({
      name: url.searchParams.get("name"),
      color: url.searchParams.get("color"),
    });
    if (!parsed.success) return new Response("name and color are required", { status: 400 });
    const peer: Peer = { ...parsed.data, id: crypto.randomUUID() };
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(peer);
    server.send(JSON.stringify({ type: "welcome", self: peer, peers: this.presence() }));
    this.broadcast({ type: "join", peer }, server);
    return new Response(null, { status: 101, webSocket: client });
  }

  presence(): Peer[] {
    return this.ctx.getWebSockets().map((socket) => socket.deserializeAttachment() as Peer);
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const from = socket.deserializeAttachment() as Peer;
    if (typeof message === "string") {
      this.broadcast({ type: "message", from: from.id, data: message }, socket);
    } else {
      // Binary frames (CRDT updates) are relayed as they are.
      for (const other of this.ctx.getWebSockets()) if (other !== socket) other.send(message);
    }
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    const peer = socket.deserializeAttachment() as Peer;
    echoClose(socket, code, reason);
    this.broadcast({ type: "leave", peer }, socket);
  }

  private broadcast(event: Record<string, unknown>, except?: WebSocket): void {
    const payload = JSON.stringify(event);
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === except) continue;
      try {
        socket.send(payload);
      } catch {
        // Closing sockets are skipped; their close handler announces the leave.
      }
    }
  }
}
