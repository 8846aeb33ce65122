import { parseDecimalMicros } from '../../core/money.js';
import { type AzureWorkload, azureAccountId, azureHour } from '../scenario/azure/azure-workloads.js';

/** One day of one meter of one account, as the simulated bill holds it. */
export interface AzureCostLine {
  day: number;
  resourceId: string;
  resourceGroup: string;
  location: string;
  meter: string;
  meterSubCategory: string;
  serviceName: string;
  resourceType: string;
  tags: Readonly<Record<string, string>>;
  micros: number;
}

const DAY = 86_400;
const HOUR = 3_600;

/** The bill of `workloads` for whole days `[from, to)` up to `now`: tokens × list price, exactly. */
export function azureCostLines(
  workloads: readonly AzureWorkload[],
  { from, to, now }: { from: number; to: number; now: number },
): AzureCostLine[] {
  const lines = new Map<string, AzureCostLine>();
  for (const workload of workloads) {
    const resourceId = azureAccountId(workload);
    const input = parseDecimalMicros(workload.pricePer1k.input);
    const output = parseDecimalMicros(workload.pricePer1k.output);
    for (let hour = from; hour < Math.min(to, now); hour += HOUR) {
      const day = hour - (hour % DAY);
      const traffic = azureHour(workload, hour);
      const parts = [
        [`${workload.meterModel} Inp glbl Tokens`, (traffic.inputTokens / 1_000) * input],
        [`${workload.meterModel} Outp glbl Tokens`, (traffic.outputTokens / 1_000) * output],
      ] as const;
      for (const [meter, micros] of parts) {
        const key = `${day}|${resourceId}|${meter}`;
        const line = lines.get(key);
        if (line) line.micros += micros;
        else {
          lines.set(key, {
            day,
            resourceId,
            resourceGroup: workload.resourceGroup,
            location: workload.region,
            meter,
            meterSubCategory: 'Azure OpenAI',
            serviceName: 'Foundry Models',
            resourceType: 'microsoft.cognitiveservices/accounts',
            tags: workload.tags,
            micros,
          });
        }
      }
    }
  }
  return [...lines.values()];
}

/** Micro-dollars as the JSON number Cost Management would write (`0.203704`). */
export function microsAsUsdNumber(micros: number): number {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  return Number(`${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`);
}
