// The Hosts list as the API and the Hosts page share it (browser-safe zod schemas): one keyset page
// of hosts in name order, each with its status and container figures, and the counts of the whole lab.
import { z } from "zod";
import { PageQuerySchema } from "@/lib/db/pagination";
import { HostSchema } from "@/lib/inventory/schemas";
import { HostStatusSchema } from "@/lib/agents/schemas";

export const HOST_LIST_FILTERS = ["online", "offline", "revoked"] as const;
export type HostListFilter = (typeof HOST_LIST_FILTERS)[number];

export const HostListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional().describe("Filter by name, hostname or address (substring)"),
  status: z.enum(HOST_LIST_FILTERS).optional().describe("Only hosts whose agent is connected (online), enrolled and not connected (offline), or revoked"),
});
export type HostListQuery = z.infer<typeof HostListQuerySchema>;

export const HostUsageSchema = z.object({
  running: z.number().int(),
  total: z.number().int(),
  cpuPercent: z.number().nullable().describe("Sum over its running containers' latest samples; null when none was sampled"),
  memoryBytes: z.number().nullable(),
});

export const HostListRowSchema = HostSchema.extend({
  status: HostStatusSchema,
  usage: HostUsageSchema.describe("Containers the agent last reported: running of total, and their latest CPU and memory"),
});
export type HostListRow = z.infer<typeof HostListRowSchema>;

export const HostCountsSchema = z.object({
  all: z.number().int().describe("Every host the search finds (every host without one), revoked ones included"),
  online: z.number().int(),
  offline: z.number().int().describe("Not revoked, and no agent connected"),
  revoked: z.number().int(),
});
export type HostCounts = z.infer<typeof HostCountsSchema>;

export const HostListPageSchema = z.object({
  items: z.array(HostListRowSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe("Hosts matching the query and filter, over all pages"),
  counts: HostCountsSchema.describe("The hosts the search finds, by status, whatever the status filter"),
});
export type HostListPage = z.infer<typeof HostListPageSchema>;
