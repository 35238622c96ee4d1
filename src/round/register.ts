// The register (配布台帳): the reform office's own record of a round — which file went to which
// department with which items, its fingerprint, and the plan exactly as sent. It is the trusted side of
// every comparison: collect and merge compare what comes back with `sent` here, not with the copy a
// returned workbook carries (a department can edit its hidden metadata; it cannot edit this file).
import { z } from 'zod';
import { FiscalYear, Layout, Plan } from '../model/plan';
import { Department } from './stamp';

export const REGISTER_KIND = 'hyoka-round-register';

export const RegisterEntry = z
  .object({
    /** The file name as written into the distribution folder (配布先フォルダ). */
    file: z.string().min(1),
    department: Department,
    items: z.array(z.object({ id: z.string().min(1), no: z.number().int().min(1), title: z.string() }).strict()),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    /** The plan as sent to this department (its items only): what fingerprint was computed from. */
    sent: Plan,
  })
  .strict();
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const Register = z
  .object({
    kind: z.literal(REGISTER_KIND),
    version: z.literal(1),
    planId: z.string().min(1),
    planTitle: z.string(),
    roundId: z.string().min(1),
    year: FiscalYear,
    layout: Layout,
    issuedAt: z.iso.datetime(),
    entries: z.array(RegisterEntry),
  })
  .strict();
export type Register = z.infer<typeof Register>;
