import { z } from 'zod';
import { strictObject } from './strict-object.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NAMES = new Set([...MONTHS, ...MONTH_NAMES, ...DAYS, ...DAY_NAMES]);

/**
 * Why `expression` is not a cron expression, or `undefined`: 5 fields (minute hour day month
 * weekday) or 6 (seconds first), each made of digits, `*`, `,`, `-`, `/` and month or day names.
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 && fields.length !== 6) {
    return `expected a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), got ${fields.length} in ${JSON.stringify(expression)}`;
  }
  for (const field of fields) {
    if (!/^[0-9A-Za-z*,/-]+$/.test(field)) {
      return `cron field ${JSON.stringify(field)} may only contain digits, names, "*", ",", "-" and "/"`;
    }
    for (const name of field.match(/[A-Za-z]+/g) ?? []) {
      if (!NAMES.has(name.toLowerCase())) {
        return `cron field ${JSON.stringify(field)}: "${name}" is not a month or weekday name (JAN..DEC, SUN..SAT)`;
      }
    }
  }
  return undefined;
}

/** Whether the runtime's time zone database knows `timeZone` (IANA names such as `Europe/Berlin`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function cron(description: string, fallback: string) {
  return z
    .string()
    .superRefine((expression, ctx) => {
      const problem = cronProblem(expression);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(fallback)
    .meta({ description: `${description} Cron syntax, in \`schedule.timezone\`. Default: "${fallback}".` });
}

/** `schedule:` — when jobs run. */
export const scheduleSchema = strictObject({
  collect: cron('When providers are polled.', '*/5 * * * *'),
  digest: cron('When the weekly digest is posted.', '0 9 * * MON'),
  timezone: z
    .string()
    .refine(isTimeZone, {
      error: (issue) =>
        `expected an IANA time zone such as "UTC" or "Europe/Berlin", got ${JSON.stringify(issue.input)}`,
    })
    .default('UTC')
    .meta({ description: 'IANA time zone the cron expressions are read in. Default: "UTC".' }),
});
