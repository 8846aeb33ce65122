/** A column of a BigQuery table or result, as `schema.fields[]` of the REST API describes it. */
export interface TableField {
  name: string;
  type: 'STRING' | 'INTEGER' | 'FLOAT' | 'NUMERIC' | 'BOOLEAN' | 'TIMESTAMP' | 'RECORD';
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  fields?: TableField[];
}

/** One `key`/`value` pair of a labels column (`labels`, `project.labels`, `system_labels`). */
export interface ExportLabel {
  key: string;
  value: string;
}

/** One entry of the REPEATED `credits` record; `amount` is negative, in `currency`. */
export interface ExportCredit {
  name: string;
  /** FLOAT column, held as the decimal text BigQuery puts on the wire. */
  amount: string;
  full_name: string | null;
  id: string;
  type: string;
}

/**
 * One row of a Cloud Billing detailed usage cost export table, named as in BigQuery. TIMESTAMP
 * columns are UTC epoch seconds; FLOAT columns are decimal text, as BigQuery's JSON carries them.
 */
export interface BillingExportRow {
  billing_account_id: string;
  service: { id: string; description: string };
  sku: { id: string; description: string };
  usage_start_time: number;
  usage_end_time: number;
  project: { id: string; number: string; name: string; labels: ExportLabel[] } | null;
  labels: ExportLabel[];
  system_labels: ExportLabel[];
  location: { location: string; country: string | null; region: string | null; zone: string | null };
  export_time: number;
  cost: string;
  currency: string;
  currency_conversion_rate: string;
  usage: { amount: string; unit: string; amount_in_pricing_units: string; pricing_unit: string };
  credits: ExportCredit[];
  invoice: { month: string };
  cost_type: string;
  transaction_type: string;
  seller_name: string;
}

const keyValue = (name: string): TableField => ({
  name,
  type: 'RECORD',
  mode: 'REPEATED',
  fields: [
    { name: 'key', type: 'STRING', mode: 'NULLABLE' },
    { name: 'value', type: 'STRING', mode: 'NULLABLE' },
  ],
});
const text = (name: string): TableField => ({ name, type: 'STRING', mode: 'NULLABLE' });
const float = (name: string): TableField => ({ name, type: 'FLOAT', mode: 'NULLABLE' });
const time = (name: string): TableField => ({ name, type: 'TIMESTAMP', mode: 'NULLABLE' });
const record = (name: string, fields: TableField[]): TableField => ({
  name,
  type: 'RECORD',
  mode: 'NULLABLE',
  fields,
});

/** The export table's schema (the columns the simulator knows), used to type and encode results. */
export const BILLING_EXPORT_SCHEMA: readonly TableField[] = [
  text('billing_account_id'),
  record('service', [text('id'), text('description')]),
  record('sku', [text('id'), text('description')]),
  time('usage_start_time'),
  time('usage_end_time'),
  record('project', [text('id'), text('number'), text('name'), keyValue('labels')]),
  keyValue('labels'),
  keyValue('system_labels'),
  record('location', [text('location'), text('country'), text('region'), text('zone')]),
  time('export_time'),
  float('cost'),
  text('currency'),
  float('currency_conversion_rate'),
  record('usage', [float('amount'), text('unit'), float('amount_in_pricing_units'), text('pricing_unit')]),
  {
    name: 'credits',
    type: 'RECORD',
    mode: 'REPEATED',
    fields: [text('name'), float('amount'), text('full_name'), text('id'), text('type')],
  },
  record('invoice', [text('month')]),
  text('cost_type'),
  text('transaction_type'),
  text('seller_name'),
];
