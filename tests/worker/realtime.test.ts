import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { CollaborationRoom } from "../../server/realtime/collaboration-room";
import type { NotificationHub } from "../../server/realtime/notification-hub";
import { uniqueId } from "./helpers";

type Frame = string | ArrayBuffer | Blob;

interface Client {
  socket: WebSocket;
  received: Frame[];
  /** The n-th message this client received (0-based), waiting for it if needed. */
  nth(n: number): Promise<Frame>;
  /** Every JSON text message so far. */
  events(): Record<string, unknown>[];
}

async function connect(stub: DurableObjectStub, url = "http://do/"): Promise<Client> {
  const response = await stub.fetch(url, { headers: { Upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  const received: Frame[] = [];
  socket.addEventListener("message", (event) => received.push(event.data));
  socket.accept();
  return {
    socket,
    received,
    async nth(n) {
      await vi.waitFor(() => expect(received.length).toBeGreaterThan(n), { timeout: 5_000 });
      return received[n]!;
    },
    events: () =>
      received
        .filter((m): m is string => typeof m === "string" && m.startsWith("{"))
        .map((m) => JSON.parse(m)),
  };
}

const json = async (message: Promise<Frame>) => JSON.parse((await message) as string);

const hubs = env.NOTIFICATION_HUB as unknown as DurableObjectNamespace<NotificationHub>;
const rooms = env.COLLAB_ROOM as unknown as DurableObjectNamespace<CollaborationRoom>;

describe("NotificationHub", () => {
  it("greets each connection and pushes a notification to all of them", async () => {
    const hub = hubs.get(hubs.idFromName(uniqueId("user")));
    const a = await connect(hub);
    expect(await json(a.nth(0))).toEqual({ type: "hello", connections: 1 });
    const b = await connect(hub);
    expect(await json(b.nth(0))).toEqual({ type: "hello", connections: 2 });

    const delivered = await hub.notify({ type: "job.completed", job_id: "job-1" });
    expect(delivered).toBe(2);
    for (const client of [a, b]) {
      expect(await json(client.nth(1))).toEqual({ type: "job.completed", job_id: "job-1" });
    }
    a.socket.close(1000, "done");
    b.socket.close(1000, "done");
  });

  it("answers ping with pong and ignores anything else", async () => {
    const hub = hubs.get(hubs.idFromName(uniqueId("user")));
    const client = await connect(hub);
    await client.nth(0);
    client.socket.send("hello?");
    client.socket.send("ping");
    expect(await client.nth(1)).toBe("pong");
    client.socket.close(1000, "done");
  });

  it("reaches nobody once the only connection is gone, so callers can fall back to email", async () => {
    const hub = hubs.get(hubs.idFromName(uniqueId("user")));
    expect(await hub.notify({ type: "alert" })).toBe(0);
    const client = await connect(hub);
    await client.nth(0);
    expect(await hub.connections()).toBe(1);
    client.socket.close();
    await vi.waitFor(async () => expect(await hub.connections()).toBe(0), { timeout: 5_000 });
    expect(await hub.notify({ type: "alert" })).toBe(0);
  });

  it("answers a request that is not a WebSocket upgrade with 426", async () => {
    const hub = hubs.get(hubs.idFromName(uniqueId("user")));
    const response = await hub.fetch("http://hub/");
    expect(response.status).toBe(426);
    await response.text();
  });
});

describe("CollaborationRoom", () => {
  const join = (room: DurableObjectStub, name: string, color: string) =>
    connect(
      room,
      `http://room/?name=${encodeURIComponent(name)}&color=${encodeURIComponent(color)}`,
    );

  it("requires a name and a #rrggbb color", async () => {
    const room = rooms.get(rooms.idFromName(uniqueId("resume")));
    for (const query of [
      "",
      "?name=Ann",
      "?color=%23ff0000",
      "?name=Ann&color=red",
      "?name=&color=%23ff0000",
    ]) {
      const response = await room.fetch(`http://room/${query}`, {
        headers: { Upgrade: "websocket" },
      });
      expect(response.status).toBe(400);
      await response.text();
    }
    const plain = await room.fetch("http://room/?name=Ann&color=%23ff0000");
    expect(plain.status).toBe(426);
    await plain.text();
  });

  it("welcomes a newcomer with who is there and announces the join to the others", async () => {
    const room = rooms.get(rooms.idFromName(uniqueId("resume")));
    const ann = await join(room, "Ann", "#ff0000");
    const annWelcome = await json(ann.nth(0));
    expect(annWelcome).toMatchObject({ type: "welcome", self: { name: "Ann", color: "#ff0000" } });

    const bob = await join(room, "Bob", "#00ff00");
    const bobWelcome = await json(bob.nth(0));
    expect(bobWelcome.type).toBe("welcome");
    expect(bobWelcome.self).toMatchObject({
      name: "Bob",
      color: "#00ff00",
      id: expect.any(String),
    });
    expect(bobWelcome.peers).toEqual(expect.arrayContaining([annWelcome.self]));
    expect(await json(ann.nth(1))).toEqual({ type: "join", peer: bobWelcome.self });
    ann.socket.close(1000, "done");
    bob.socket.close(1000, "done");
  });

  it("relays text and binary messages to the others, never back to the sender", async () => {
    const room = rooms.get(rooms.idFromName(uniqueId("resume")));
    const ann = await join(room, "Ann", "#ff0000");
    const annSelf = (await json(ann.nth(0))).self;
    const bob = await join(room, "Bob", "#00ff00");
    const bobSelf = (await json(bob.nth(0))).self;
    await ann.nth(1); // Bob's join

    ann.socket.send("edit from Ann");
    expect(await json(bob.nth(1))).toEqual({
      type: "message",
      from: annSelf.id,
      data: "edit from Ann",
    });
    ann.socket.send(new Uint8Array([1, 2, 3]));
    const binary = await bob.nth(2);
    // Binary frames arrive as a Blob (the standard binaryType) or an ArrayBuffer.
    const bytes = binary instanceof Blob ? await binary.arrayBuffer() : (binary as ArrayBuffer);
    expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3]);

    bob.socket.send("reply from Bob");
    // Messages on one socket arrive in order: had Ann got her own back, it would come first.
    expect(await json(ann.nth(2))).toEqual({
      type: "message",
      from: bobSelf.id,
      data: "reply from Bob",
    });
    expect(ann.received).toHaveLength(3);
    ann.socket.close(1000, "done");
    bob.socket.close(1000, "done");
  });

  it.each([
    ["with a close code", (socket: WebSocket) => socket.close(1000, "bye")],
    ["without a close code, as browsers do by default", (socket: WebSocket) => socket.close()],
  ])("announces a leave when someone closes %s", async (_how, close) => {
    const room = rooms.get(rooms.idFromName(uniqueId("resume")));
    const ann = await join(room, "Ann", "#ff0000");
    const annSelf = (await json(ann.nth(0))).self;
    const bob = await join(room, "Bob", "#00ff00");
    await bob.nth(0);
    await ann.nth(1);
    close(ann.socket);
    expect(await json(bob.nth(1))).toEqual({ type: "leave", peer: annSelf });
    bob.socket.close(1000, "done");
  });
});
