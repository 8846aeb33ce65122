import { type Logger, LogLevel } from '@slack/bolt';

/** A Bolt logger that keeps every line (level first), to check what reaches the logs. */
export function createRecordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (...parts: unknown[]) => {
      lines.push(`${level} ${parts.map(String).join(' ')}`);
    };
  const logger: Logger = {
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
  return { logger, lines };
}
