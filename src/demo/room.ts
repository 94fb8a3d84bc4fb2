/**
 * `/room`: a chat room, the everyday case of an event stream that announces
 * what other requests did. GET listens: an SSE stream that says `joined`,
 * then carries each message posted, with an id, and a heartbeat comment
 * every 15 s; a listener that comes back with Last-Event-ID gets what it
 * missed first. POST posts its body to every listener and answers 202 with
 * how many got it. `?room=NAME` picks a room (default `lobby`); rooms of one
 * server are its own.
 */
import type { DemoRequest } from './stream-helpers';
import { pause, sseEvent, streamHeaders, write } from './stream-helpers';

/** Messages a room keeps for listeners that reconnect. */
const KEPT = 100;
/** Longest message kept and sent, characters. */
const MAX_MESSAGE = 64 * 1024;
/** Rooms a server keeps; past it, the oldest room nobody listens to goes. */
const MAX_ROOMS = 100;

interface Room {
  listeners: Set<DemoRequest>;
  /** The last messages, as SSE events, with their ids. */
  kept: { id: number; event: string }[];
  nextId: number;
}

/** By server port and room name, so two demo servers in one process do not share a room. */
const rooms = new Map<string, Room>();

function roomOf(r: DemoRequest, name: string): Room {
  const key = `${r.req.socket.localPort ?? 0}:${name}`;
  let room = rooms.get(key);
  if (!room) {
    if (rooms.size >= MAX_ROOMS) {
      const idle = [...rooms].find(([, r]) => r.listeners.size === 0);
      if (idle) rooms.delete(idle[0]);
    }
    room = { listeners: new Set(), kept: [], nextId: 1 };
    rooms.set(key, room);
  }
  return room;
}

/** Handles GET (listen) and POST (say something) on `/room`. */
export async function room(r: DemoRequest): Promise<void> {
  const name = (r.url.searchParams.get('room') ?? 'lobby').slice(0, 100) || 'lobby';
  const here = roomOf(r, name);
  if (r.req.method === 'POST') {
    const text = r.body.slice(0, MAX_MESSAGE);
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    const id = here.nextId++;
    const event = sseEvent({ id, event: 'message', data: JSON.stringify({ room: name, id, message: json ?? text, at: new Date().toISOString() }) });
    here.kept.push({ id, event });
    if (here.kept.length > KEPT) here.kept.shift();
    for (const listener of here.listeners) void write(listener, event);
    r.res.writeHead(202, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    r.res.end(JSON.stringify({ room: name, id, delivered: here.listeners.size }));
    return;
  }
  if (r.req.method !== 'GET') {
    r.res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'GET, POST' });
    r.res.end(JSON.stringify({ error: 'GET listens to the room, POST posts to it' }));
    return;
  }
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  const last = Number(r.req.headers['last-event-id']);
  const missed = Number.isInteger(last) ? here.kept.filter((k) => k.id > last).map((k) => k.event).join('') : '';
  here.listeners.add(r);
  try {
    if (!(await write(r, `retry: 3000\n\n${sseEvent({ event: 'joined', data: JSON.stringify({ room: name, listeners: here.listeners.size }) })}${missed}`))) return;
    while (await pause(r, 15_000)) if (!(await write(r, ': keep-alive\n\n'))) return;
  } finally {
    here.listeners.delete(r);
    if (here.listeners.size === 0 && here.kept.length === 0) rooms.delete(`${r.req.socket.localPort ?? 0}:${name}`);
  }
}
