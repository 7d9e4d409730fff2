// Which agent this process is (its enrolled id), for what it stamps on the containers it creates:
// several agents may share one Docker engine (tests do), and each serves only its own containers.
let current: string | null = null;

export function setAgentIdentity(agentId: string): void {
  current = agentId;
}

export function agentIdentity(): string | null {
  return current;
}

/** Whether this agent owns a container: created by it, or by no known agent (older containers). */
export function ownedByThisAgent(labels: Record<string, string> | undefined, label: string): boolean {
  const owner = labels?.[label];
  return current === null || owner === undefined || owner === current;
}
