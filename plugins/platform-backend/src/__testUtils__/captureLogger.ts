import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that keeps every line (message, meta and error text) for assertions. */
export function captureLogger(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, meta?: unknown) => {
    let extra = '';
    if (meta instanceof Error)
      extra = `${meta.name}: ${meta.message} ${meta.stack ?? ''} ${String(
        (meta as any).cause ?? '',
      )}`;
    else if (meta !== undefined) {
      try {
        extra = JSON.stringify(meta);
      } catch {
        extra = String(meta);
      }
    }
    lines.push(`${level} ${message} ${extra}`);
  };
  const logger: LoggerService = {
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    child: () => logger,
  };
  return { logger, lines };
}
