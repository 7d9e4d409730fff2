// The agent's own version, reported in `agent/hello` and shown on the Hosts page.
export const AGENT_VERSION = "0.1.0";
