import { z } from 'zod';

/** A TIMESTAMP cell as the client library decodes it (`BigQueryTimestamp { value: ISO text }`). */
const timestamp = z.object({ value: z.string() });
const keyValue = z.strictObject({ key: z.string(), value: z.string().nullable() });

/**
 * One row of `billingExportQuery` after the client library decoded it. Money is text (the query
 * casts it); strict objects make a column the query did not ask for an error, never ignored.
 */
export const billingRowSchema = z.strictObject({
  usage_start_time: timestamp,
  export_time: timestamp,
  service: z.string(),
  sku: z.string(),
  project_id: z.string().nullable(),
  project_labels: z.array(keyValue),
  labels: z.array(keyValue),
  location: z.string().nullable(),
  region: z.string().nullable(),
  cost: z.string(),
  currency: z.string(),
  credits: z.array(z.strictObject({ amount: z.string(), type: z.string().nullable() })),
});

export type BillingRow = z.infer<typeof billingRowSchema>;
