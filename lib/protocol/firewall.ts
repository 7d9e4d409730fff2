// The host firewall over the agent protocol (issue 17): reading the nftables ruleset, and applying
// a Homeport table that the agent reverts by itself unless the control plane confirms in time.
// Browser-safe. (Filled in by the firewall work.)
export const FirewallReadRequests = {} as const;
export const FirewallWriteRequests = {} as const;
export const FirewallEvents = {} as const;
