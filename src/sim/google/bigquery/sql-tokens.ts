import { BigQueryError } from './bigquery-error.js';

/** A token of GoogleSQL as far as the simulator reads it; `at` is the 1-based `[line:column]`. */
export type SqlToken =
  | { kind: 'word'; text: string; at: string }
  | { kind: 'quoted'; text: string; at: string }
  | { kind: 'string'; text: string; at: string }
  | { kind: 'param'; text: string; at: string }
  | { kind: 'number'; text: string; at: string }
  | { kind: 'symbol'; text: string; at: string };

const SYMBOLS = ['>=', '<=', '!=', '<>', '(', ')', ',', '.', '=', '<', '>', '*'];

/** Splits `sql` into tokens, dropping blanks and `--` / `#` comments. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let index = 0;
  const at = (position: number) => {
    const before = sql.slice(0, position).split('\n');
    return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  };
  while (index < sql.length) {
    const rest = sql.slice(index);
    const blank = /^(\s+|--[^\n]*|#[^\n]*)/.exec(rest);
    if (blank) {
      index += blank[0].length;
      continue;
    }
    const position = at(index);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const param = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    const number = /^\d+/.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: position });
      index += word[0].length;
    } else if (param?.[1]) {
      tokens.push({ kind: 'param', text: param[1], at: position });
      index += param[0].length;
    } else if (number) {
      tokens.push({ kind: 'number', text: number[0], at: position });
      index += number[0].length;
    } else if (rest[0] === '`' || rest[0] === "'" || rest[0] === '"') {
      const quote = rest[0];
      const close = rest.indexOf(quote, 1);
      if (close < 0)
        throw invalidQuery(`Unclosed ${quote === '`' ? 'identifier' : 'string'} literal`, position);
      tokens.push({ kind: quote === '`' ? 'quoted' : 'string', text: rest.slice(1, close), at: position });
      index += close + 1;
    } else {
      const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
      if (symbol === undefined)
        throw invalidQuery(`Syntax error: Illegal input character "${rest[0]}"`, position);
      tokens.push({ kind: 'symbol', text: symbol, at: position });
      index += symbol.length;
    }
  }
  return tokens;
}

/** BigQuery's answer to a query it cannot parse or resolve: 400 `invalidQuery`. */
export function invalidQuery(message: string, at?: string): BigQueryError {
  return new BigQueryError(400, 'invalidQuery', at === undefined ? message : `${message} at [${at}]`);
}
