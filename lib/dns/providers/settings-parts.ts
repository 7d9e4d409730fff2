// zod pieces the providers' settings schemas share (addresses, secrets, paths). Browser-safe.
import { z } from "zod";

export const HttpUrl = z.string().trim().url("a URL such as http://192.168.1.2").refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "only http and https").transform((u) => u.replace(/\/+$/, ""));
export const Secret = z.string().min(1, "required").max(4096);
export const AbsPath = z.string().trim().min(2).max(1024).regex(/^\/[^\0]*$/, "an absolute path");
