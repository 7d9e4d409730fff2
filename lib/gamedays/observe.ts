// What really happened during a game day, from the checks' results: per route and service the
// observed state from home and from away next to the prediction, the time to detect and to recover,
// and the checks' state changes for the timeline. Pure: the caller reads the rows.
import type { Outcome, OutcomeItem, Prediction, Side, TimelineEntry } from "./schemas";

export interface Result {
  checkId: string;
  vantageId: string;
  at: Date;
  ok: boolean;
}

export interface Window {
  start: Date;
  /** When the last agent reverted; null while the fault is in force. */
  revertedAt: Date | null;
  /** Results after this are ignored (now, or the end of the recovery window). */
  until: Date;
}

const broken = (s: Side) => s === "down" || s === "degraded";

function observedSide(results: Result[]): Side {
  if (results.length === 0) return "unknown";
  return results.some((r) => !r.ok) ? "down" : "up";
}

function sideMatches(predicted: Side, observed: Side): boolean | null {
  if (predicted === "n/a" || predicted === "unknown" || observed === "unknown" || observed === "n/a") return null;
  if (predicted === "degraded") return true; // slower or lossy: a check may or may not fail
  return broken(predicted) === broken(observed);
}

/** The outcome per prediction item. `kinds` maps a vantage id to lan | remote. */
export function observeOutcome(predictions: Prediction[], results: Result[], kinds: Map<string, string>, w: Window): Outcome {
  const faultEnd = w.revertedAt ?? w.until;
  const items: OutcomeItem[] = predictions.map((p) => {
    const mine = results.filter((r) => p.checkIds.includes(r.checkId) && r.at >= w.start && r.at <= w.until);
    const during = mine.filter((r) => r.at <= faultEnd);
    const side = (kind: string) => during.filter((r) => (kinds.get(r.vantageId) ?? "lan") === kind);
    const observed = {
      lan: p.lan === "n/a" ? ("n/a" as const) : observedSide(side("lan")),
      away: p.away === "n/a" ? ("n/a" as const) : observedSide(side("remote")),
    };
    const verdicts = [sideMatches(p.lan, observed.lan), sideMatches(p.away, observed.away)].filter((v): v is boolean => v !== null);
    const failures = during.filter((r) => !r.ok).sort((a, b) => a.at.getTime() - b.at.getTime());
    let recoverMs: number | null = null;
    let recovered: boolean | null = null;
    if (failures.length > 0 && w.revertedAt) {
      recovered = true;
      // Every check and vantage that failed must pass again after the revert.
      for (const key of new Set(failures.map((f) => `${f.checkId}\u0000${f.vantageId}`))) {
        const [checkId, vantageId] = key.split("\u0000");
        const after = mine.filter((r) => r.checkId === checkId && r.vantageId === vantageId && r.at > w.revertedAt!).sort((a, b) => a.at.getTime() - b.at.getTime());
        const lastFail = after.filter((r) => !r.ok).at(-1);
        const firstOk = after.find((r) => r.ok && (!lastFail || r.at > lastFail.at));
        if (!firstOk) {
          recovered = false;
          recoverMs = null;
          break;
        }
        recoverMs = Math.max(recoverMs ?? 0, firstOk.at.getTime() - w.revertedAt.getTime());
      }
    }
    return {
      type: p.type,
      id: p.id,
      name: p.name,
      predicted: { lan: p.lan, away: p.away },
      observed,
      matches: verdicts.length === 0 ? null : verdicts.every(Boolean),
      failedVantages: [...new Set(failures.map((f) => f.vantageId))],
      detectMs: failures[0] ? Math.max(0, failures[0].at.getTime() - w.start.getTime()) : null,
      recoverMs: recovered ? recoverMs : null,
      recovered,
    };
  });
  return {
    items,
    matched: items.filter((i) => i.matches === true).length,
    mismatched: items.filter((i) => i.matches === false).length,
    unobserved: items.filter((i) => i.matches === null).length,
  };
}

/**
 * The checks' state changes from `from` on, as timeline entries: a check and vantage going red or
 * green again. `before` holds each pair's last result before the window (its starting state).
 */
export function checkTransitions(results: Result[], before: Map<string, boolean>, names: Map<string, string>, vantageNames: Map<string, string>): TimelineEntry[] {
  const state = new Map(before);
  const out: TimelineEntry[] = [];
  for (const r of [...results].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const key = `${r.checkId}\u0000${r.vantageId}`;
    const prev = state.get(key);
    state.set(key, r.ok);
    if (prev === r.ok || (prev === undefined && r.ok)) continue;
    const check = names.get(r.checkId) ?? r.checkId;
    const vantage = vantageNames.get(r.vantageId) ?? r.vantageId;
    out.push({ at: r.at.toISOString(), kind: r.ok ? "check-up" : "check-down", text: `${check} ${r.ok ? "passes again" : "fails"} from ${vantage}`, checkId: r.checkId, vantageId: r.vantageId, ok: r.ok });
  }
  return out;
}
