// One CPU/memory sample of a container from Docker's one-shot stats.
import type Docker from "dockerode";
import { LABELS, type StatsSample } from "@/lib/protocol";

export async function sampleStats(docker: Docker, id: string): Promise<StatsSample> {
  const c = docker.getContainer(id);
  const [s, info] = await Promise.all([c.stats({ stream: false }), c.inspect()]);
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - (s.precpu_stats.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats.online_cpus || s.cpu_stats.cpu_usage.percpu_usage?.length || 1;
  const cpuPercent = sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * cpus * 100 : 0;
  const labels = info.Config.Labels ?? {};
  return {
    containerId: info.Id,
    serviceId: labels[LABELS.managed] === "true" ? (labels[LABELS.serviceId] ?? null) : null,
    cpuPercent: Math.round(cpuPercent * 100) / 100,
    memoryBytes: s.memory_stats.usage ?? 0,
    memoryLimitBytes: s.memory_stats.limit ?? 0,
    at: new Date().toISOString(),
  };
}
