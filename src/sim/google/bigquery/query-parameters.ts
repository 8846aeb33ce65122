import { BigQueryError } from './bigquery-error.js';

/** A named query parameter as `jobs.query` received it. */
export interface QueryParameter {
  type: string;
  value: string | null;
}

/**
 * Reads `queryParameters` of a `jobs.query` body into a map by lower-cased name (BigQuery's
 * parameter names are case-insensitive). Only named scalar parameters are accepted.
 */
export function readQueryParameters(body: Record<string, unknown>): Map<string, QueryParameter> {
  const parameters = new Map<string, QueryParameter>();
  const list = body.queryParameters;
  if (list === undefined) return parameters;
  if (!Array.isArray(list)) throw invalid('queryParameters must be a list');
  if (body.parameterMode !== 'named') {
    throw invalid(
      `parameterMode ${JSON.stringify(body.parameterMode)}: the simulator runs named parameters only`,
    );
  }
  for (const entry of list as unknown[]) {
    const parameter = entry as {
      name?: unknown;
      parameterType?: { type?: unknown };
      parameterValue?: { value?: unknown };
    };
    if (typeof parameter.name !== 'string' || typeof parameter.parameterType?.type !== 'string') {
      throw invalid(`a query parameter without name or parameterType.type: ${JSON.stringify(entry)}`);
    }
    const value = parameter.parameterValue?.value;
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw invalid(`query parameter ${parameter.name}: parameterValue.value must be a string`);
    }
    parameters.set(parameter.name.toLowerCase(), {
      type: parameter.parameterType.type,
      value: value ?? null,
    });
  }
  return parameters;
}

/** Milliseconds since the epoch of a TIMESTAMP literal (`2026-11-20T00:00:00.000Z`, `… 00:00:00+00`, `… UTC`). */
export function parseTimestampLiteral(text: string): number {
  const iso = text
    .trim()
    .replace(/ UTC$/i, 'Z')
    .replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const dated = /T/.test(iso) ? iso : `${iso}T00:00:00`;
  const millis = Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(dated) ? dated : `${dated}Z`);
  if (Number.isNaN(millis)) throw invalid(`Invalid TIMESTAMP value: ${text}`);
  return millis;
}

function invalid(message: string): BigQueryError {
  return new BigQueryError(400, 'invalid', message);
}
