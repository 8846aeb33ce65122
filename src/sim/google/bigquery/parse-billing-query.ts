import { invalidQuery, type SqlToken, tokenizeSql } from './sql-tokens.js';

/** A column path such as `project.labels`, with where it stands in the query. */
export interface ColumnPath {
  names: string[];
  at: string;
}

export type ColumnExpr =
  | { kind: 'path'; path: ColumnPath }
  | { kind: 'cast'; path: ColumnPath; to: string }
  | { kind: 'array'; items: SelectItem[]; source: ColumnPath; alias: string };

export interface SelectItem {
  expr: ColumnExpr;
  alias?: string;
}

export type Operand =
  | { kind: 'string'; value: string }
  | { kind: 'param'; name: string; at: string }
  | { kind: 'timestamp_sub'; param: string; amount: number; unit: 'DAY' | 'HOUR'; at: string };

export type Condition =
  | { kind: 'compare'; path: ColumnPath; op: string; operand: Operand }
  | { kind: 'like'; path: ColumnPath; pattern: string }
  | { kind: 'in'; path: ColumnPath; values: string[] }
  | { kind: 'and'; all: Condition[] }
  | { kind: 'or'; any: Condition[] };

/** `SELECT items FROM \`table\` [WHERE condition]`, the one statement shape the simulator runs. */
export interface BillingQuery {
  items: SelectItem[];
  table: string;
  where: Condition | undefined;
}

const COMPARISONS = new Set(['>=', '<=', '>', '<', '=', '!=', '<>']);

/**
 * Parses the subset of GoogleSQL that reads a billing export: column paths, `CAST(x AS STRING)`,
 * `ARRAY(SELECT AS STRUCT … FROM UNNEST(x) AS c)`, and a WHERE of AND/OR over comparisons with
 * string literals or parameters (`TIMESTAMP_SUB(@p, INTERVAL n DAY)` too), LIKE and IN.
 * Anything else is a 400 `invalidQuery`, as BigQuery answers a query it cannot read.
 */
export function parseBillingQuery(sql: string): BillingQuery {
  const reader = new TokenReader(tokenizeSql(sql));
  reader.keyword('SELECT');
  const items = selectList(reader);
  reader.keyword('FROM');
  const table = reader.next();
  if (table.kind !== 'quoted' && table.kind !== 'word')
    throw invalidQuery('Syntax error: Expected table name', table.at);
  const where = reader.acceptKeyword('WHERE') ? orExpression(reader) : undefined;
  const extra = reader.peek();
  if (extra !== undefined) throw invalidQuery(`Syntax error: Unexpected "${extra.text}"`, extra.at);
  return { items, table: table.text, where };
}

function selectList(reader: TokenReader): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const expr = columnExpr(reader);
    const alias = reader.acceptKeyword('AS') ? reader.word().text : undefined;
    items.push(alias === undefined ? { expr } : { expr, alias });
  } while (reader.acceptSymbol(','));
  return items;
}

function columnExpr(reader: TokenReader): ColumnExpr {
  if (reader.acceptKeyword('CAST')) {
    reader.symbol('(');
    const path = columnPath(reader);
    reader.keyword('AS');
    const to = reader.word().text.toUpperCase();
    reader.symbol(')');
    return { kind: 'cast', path, to };
  }
  if (reader.acceptKeyword('ARRAY')) {
    reader.symbol('(');
    reader.keyword('SELECT');
    reader.keyword('AS');
    reader.keyword('STRUCT');
    const items = selectList(reader);
    reader.keyword('FROM');
    reader.keyword('UNNEST');
    reader.symbol('(');
    const source = columnPath(reader);
    reader.symbol(')');
    reader.keyword('AS');
    const alias = reader.word().text;
    reader.symbol(')');
    return { kind: 'array', items, source, alias };
  }
  return { kind: 'path', path: columnPath(reader) };
}

function columnPath(reader: TokenReader): ColumnPath {
  const first = reader.word();
  const names = [first.text];
  while (reader.acceptSymbol('.')) names.push(reader.word().text);
  return { names, at: first.at };
}

function orExpression(reader: TokenReader): Condition {
  const any = [andExpression(reader)];
  while (reader.acceptKeyword('OR')) any.push(andExpression(reader));
  return any.length === 1 ? any[0]! : { kind: 'or', any };
}

function andExpression(reader: TokenReader): Condition {
  const all = [primary(reader)];
  while (reader.acceptKeyword('AND')) all.push(primary(reader));
  return all.length === 1 ? all[0]! : { kind: 'and', all };
}

function primary(reader: TokenReader): Condition {
  if (reader.acceptSymbol('(')) {
    const inner = orExpression(reader);
    reader.symbol(')');
    return inner;
  }
  const path = columnPath(reader);
  if (reader.acceptKeyword('LIKE')) return { kind: 'like', path, pattern: reader.string() };
  if (reader.acceptKeyword('IN')) {
    reader.symbol('(');
    const values = [reader.string()];
    while (reader.acceptSymbol(',')) values.push(reader.string());
    reader.symbol(')');
    return { kind: 'in', path, values };
  }
  const op = reader.next();
  if (op.kind !== 'symbol' || !COMPARISONS.has(op.text)) {
    throw invalidQuery(`Syntax error: Expected comparison but got "${op.text}"`, op.at);
  }
  return { kind: 'compare', path, op: op.text === '<>' ? '!=' : op.text, operand: operand(reader) };
}

function operand(reader: TokenReader): Operand {
  const token = reader.next();
  if (token.kind === 'string') return { kind: 'string', value: token.text };
  if (token.kind === 'param') return { kind: 'param', name: token.text, at: token.at };
  if (token.kind === 'word' && token.text.toUpperCase() === 'TIMESTAMP_SUB') {
    reader.symbol('(');
    const param = reader.next();
    if (param.kind !== 'param') throw invalidQuery('TIMESTAMP_SUB expects a query parameter here', param.at);
    reader.symbol(',');
    reader.keyword('INTERVAL');
    const amount = reader.next();
    if (amount.kind !== 'number') throw invalidQuery('Syntax error: Expected interval length', amount.at);
    const unit = reader.word().text.toUpperCase();
    if (unit !== 'DAY' && unit !== 'HOUR') throw invalidQuery(`Unsupported interval unit ${unit}`, amount.at);
    reader.symbol(')');
    return { kind: 'timestamp_sub', param: param.text, amount: Number(amount.text), unit, at: token.at };
  }
  throw invalidQuery(`Syntax error: Unexpected "${token.text}"`, token.at);
}

class TokenReader {
  private index = 0;
  constructor(private readonly tokens: SqlToken[]) {}

  peek(): SqlToken | undefined {
    return this.tokens[this.index];
  }

  next(): SqlToken {
    const token = this.tokens[this.index];
    if (token === undefined) throw invalidQuery('Syntax error: Unexpected end of script');
    this.index += 1;
    return token;
  }

  word(): SqlToken {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'quoted') {
      throw invalidQuery(`Syntax error: Expected identifier but got "${token.text}"`, token.at);
    }
    return token;
  }

  string(): string {
    const token = this.next();
    if (token.kind !== 'string') throw invalidQuery(`Syntax error: Expected string literal`, token.at);
    return token.text;
  }

  keyword(text: string): void {
    const token = this.next();
    if (token.kind !== 'word' || token.text.toUpperCase() !== text) {
      throw invalidQuery(`Syntax error: Expected keyword ${text} but got "${token.text}"`, token.at);
    }
  }

  acceptKeyword(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.text.toUpperCase() !== text) return false;
    this.index += 1;
    return true;
  }

  symbol(text: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== text) {
      throw invalidQuery(`Syntax error: Expected "${text}" but got "${token.text}"`, token.at);
    }
  }

  acceptSymbol(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'symbol' || token.text !== text) return false;
    this.index += 1;
    return true;
  }
}
