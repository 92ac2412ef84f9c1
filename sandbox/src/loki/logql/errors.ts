/** The two kinds of LogQL error Loki answers with 400. */

export class LogQLParseError extends Error {
  readonly line: number;
  readonly col: number;
  constructor(line: number, col: number, message: string) {
    super(`parse error at line ${line}, col ${col}: ${message}`);
    this.name = 'LogQLParseError';
    this.line = line;
    this.col = col;
  }
}

/** Validation errors Loki reports without a position (`parse error : ...`). */
export class LogQLValidationError extends Error {
  constructor(message: string) {
    super(`parse error : ${message}`);
    this.name = 'LogQLValidationError';
  }
}
