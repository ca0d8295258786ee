import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { echoClose } from "./close";

export interface Notification {
  type: string;
  [field: string]: unknown;
}

/**
 * One per user: holds that user's open WebSockets (hibernating between messages) and pushes
 * job completions and alerts to all of them. Callers fall back to email when `notify`
 * reaches nobody.
 */
export class NotificationHub extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "hello", connections: this.ctx.getWebSockets().length }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends to every open connection; returns how many received it. */
  async notify(notification: Notification): Promise<number> {
    const payload = JSON.stringify(notification);
    let delivered = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(payload);
        delivered++;
      } catch {
        // A socket closing mid-send is normal; the others still get the message.
      }
    }
    return delivered;
  }

  connections(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") socket.send("pong");
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    echoClose(socket, code, reason);
  }
}
