/**
 * The demo MCP server's event store, for resumption. The SDK's example
 * store (`InMemoryEventStore`) names events `<stream>_<ms>_<random>` and
 * replays them sorted by that name, so two events of one millisecond come
 * back in random order: a resumption then repeats one and loses another
 * (Stream Viewer's `--resume` check reports it). Here ids carry a sequence
 * number and events replay in the order they were sent. Bounded: the oldest
 * events go.
 */
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Events kept per session. */
const MAX_EVENTS = 10_000;

/** Events in the order they were stored. */
export class OrderedEventStore implements EventStore {
  private readonly events: { id: string; stream: string; message: JSONRPCMessage }[] = [];
  private seq = 0;

  storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${streamId}_${++this.seq}`;
    this.events.push({ id, stream: streamId, message });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, MAX_EVENTS / 10);
    return Promise.resolve(id);
  }

  getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return Promise.resolve(this.events.find((e) => e.id === eventId)?.stream);
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const at = this.events.findIndex((e) => e.id === lastEventId);
    if (at < 0) return '';
    const stream = this.events[at]!.stream;
    for (const e of this.events.slice(at + 1)) if (e.stream === stream) await send(e.id, e.message);
    return stream;
  }
}
