// A route's exposure — where its hostname is meant to answer — and the two questions code asks of
// it. Plain zod, no other imports: safe for client components and for any domain to read.
import { z } from "zod";

export const EXPOSURES = ["lan", "remote", "both"] as const;
export const ExposureSchema = z.enum(EXPOSURES).describe("lan: home network only; remote: through the tunnel; both");
export type Exposure = z.infer<typeof ExposureSchema>;

/** Meant to answer at home, through LAN DNS and the LAN proxy (`lan` and `both`). */
export const isLan = (exposure: Exposure): boolean => exposure !== "remote";

/** Meant to answer from away, through the tunnel and public DNS (`remote` and `both`). */
export const isRemote = (exposure: Exposure): boolean => exposure !== "lan";
