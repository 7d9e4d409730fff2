// The firewall domain (issue 17, part 3): each host's nftables rules in words, suggested rules from
// routes and published ports, a plan preview, and changes applied with the agent's dead-man's switch.
export { applyFirewallPlan, getHostFirewall, listFirewallChanges, listFirewallHosts, previewFirewallPlan, APPLY_TIMEOUT_MS, READ_TIMEOUT_MS } from "./service";
export * from "./schemas";
