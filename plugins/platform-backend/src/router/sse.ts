import { Request, Response } from 'express';
import { TailSession } from '../service/EntityObservabilityService';

const KEEPALIVE_MS = 15_000;

function event(res: Response, name: string, data: unknown) {
  res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Streams a tail as server-sent events: `open`, then `lines` ({lines}) per upstream frame, and `error`
 * (a SourceError) before the stream ends. The upstream WebSocket is closed as soon as the client goes.
 */
export function streamTail(
  req: Request,
  res: Response,
  session: TailSession,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 5000\n\n');
  if (!session.ok) {
    event(res, 'error', session.error);
    res.end();
    return;
  }
  let ended = false;
  const keepalive = setInterval(
    () => res.write(': keep-alive\n\n'),
    KEEPALIVE_MS,
  );
  const end = () => {
    if (!ended) {
      ended = true;
      clearInterval(keepalive);
      res.end();
    }
  };
  const tail = session.start({
    onLines: lines => {
      if (!ended) event(res, 'lines', { lines });
    },
    onError: error => {
      if (!ended) event(res, 'error', error);
    },
    onClose: end,
  });
  event(res, 'open', {});
  req.on('close', () => {
    tail.close();
    end();
  });
}
