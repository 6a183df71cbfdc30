// Rates each province's People's Council sets itself (`local` fee rules): config/local-fees.json,
// checked when the server starts.
import fs from 'node:fs';
import { z } from 'zod';

const Rate = z.strictObject({ amount: z.number().int().min(0), basis: z.string().min(3) });
const File = z.object({ provinces: z.record(z.string().regex(/^\d{2}$/, 'a current province code (2 digits)'), z.record(z.string(), Rate)) });

export type LocalFees = (province: string) => Record<string, number>;

export function loadLocalFees(file: URL = new URL('../../../../../config/local-fees.json', import.meta.url)): LocalFees {
  const parsed = File.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`config/local-fees.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const byProvince = new Map(Object.entries(parsed.data.provinces).map(([p, rates]) => [p, Object.fromEntries(Object.entries(rates).map(([k, r]) => [k, r.amount]))]));
  return (province) => byProvince.get(province) ?? {};
}
