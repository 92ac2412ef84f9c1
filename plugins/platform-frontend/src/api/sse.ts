/** One Server-Sent Event: its `event:` name (`message` when absent) and joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental Server-Sent Events parser: feed it decoded text chunks, get each complete event.
 * Comments (`:` keep-alives), `retry:` and events without data are skipped.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: SseEvent[] = [];
    let boundary = this.buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) {
        events.push({ event, data: data.join('\n') });
      }
      boundary = this.buffer.indexOf('\n\n');
    }
    return events;
  }
}
