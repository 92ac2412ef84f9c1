/**
 * Incremental Server-Sent Events parser: feed it decoded text chunks, get the `data` of each
 * complete event. Only `data:` fields matter here; comments (`:` keep-alives) and other fields are skipped.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): string[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: string[] = [];
    let boundary = this.buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary + 2);
      const data = block
        .split('\n')
        .filter(line => line.startsWith('data:'))
        .map(line => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) {
        events.push(data.join('\n'));
      }
      boundary = this.buffer.indexOf('\n\n');
    }
    return events;
  }
}
