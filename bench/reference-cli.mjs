// The reference the CLI's --json output is measured against: what a user
// would write by hand — fetch, bare eventsource-parser, and one
// JSON.stringify + one stdout write per event.
import { createParser } from 'eventsource-parser';

const res = await fetch(process.argv[2]);
const decoder = new TextDecoder();
const parser = createParser({
  onEvent: (e) => process.stdout.write(`${JSON.stringify({ type: 'message', event: e.event ?? 'message', data: e.data, id: e.id ?? '' })}\n`),
});
for await (const chunk of res.body) parser.feed(decoder.decode(chunk, { stream: true }));
