// Server-Sent Events reader shared by the renderer and the Electron host (both follow /api/events with fetch).
export type SseListener = (event: string, data: unknown) => void;

/** Parses an SSE body: `event:` and `data:` lines, blocks separated by a blank line; comments are skipped. */
export async function readEvents(body: ReadableStream<Uint8Array>, emit: SseListener): Promise<void> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue; // comments and pings
      try {
        emit(event, JSON.parse(data.join('\n')));
      } catch {
        // A malformed event is skipped; the stream goes on.
      }
    }
  }
}
