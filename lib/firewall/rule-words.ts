// Reads one nftables rule (nft's JSON expressions) into what it matches and what it does, in words.
// Tolerant: an expression it does not know is named "other condition", never guessed. Pure.
import { z } from "zod";

export type Verdict = "accept" | "drop" | "reject" | "jump" | "return" | "other";

export interface RuleMeaning {
  verdict: Verdict;
  /** The chain a jump or goto hands over to. */
  target: string | null;
  iif: string | null;
  oif: string | null;
  proto: string | null;
  ports: string[];
  saddr: string | null;
  daddr: string | null;
  established: boolean;
  /** Conditions it could not read, counted. */
  other: number;
  text: string;
}

const Scalar = z.union([z.string(), z.number()]);
const Prefix = z.object({ prefix: z.object({ addr: z.string(), len: z.number() }) });
const Range = z.object({ range: z.tuple([Scalar, Scalar]) });
const Value = z.union([Scalar, Prefix, Range, z.array(Scalar), z.object({ set: z.array(z.union([Scalar, Prefix, Range])) })]);
const Match = z.object({
  match: z.object({
    op: z.string(),
    left: z.union([
      z.object({ meta: z.object({ key: z.string() }) }),
      z.object({ payload: z.object({ protocol: z.string(), field: z.string() }) }),
      z.object({ ct: z.object({ key: z.string() }) }),
      z.unknown(),
    ]),
    right: z.unknown(),
  }),
});

function valueWords(v: unknown): string[] {
  const r = Value.safeParse(v);
  if (!r.success) return ["?"];
  const one = (x: z.infer<typeof Scalar> | z.infer<typeof Prefix> | z.infer<typeof Range>): string =>
    typeof x === "object" ? ("prefix" in x ? `${x.prefix.addr}/${x.prefix.len}` : `${x.range[0]}-${x.range[1]}`) : String(x);
  const d = r.data;
  if (Array.isArray(d)) return d.map(String);
  if (typeof d === "object" && "set" in d) return d.set.map(one);
  return [one(d)];
}

const not = (op: string) => (op === "!=" ? "not " : "");

/** What one rule's expressions mean. */
export function readRule(expr: unknown[]): RuleMeaning {
  const m: RuleMeaning = { verdict: "other", target: null, iif: null, oif: null, proto: null, ports: [], saddr: null, daddr: null, established: false, other: 0, text: "" };
  for (const e of expr) {
    if (!e || typeof e !== "object") continue;
    const key = Object.keys(e)[0] ?? "";
    if (key === "accept" || key === "drop" || key === "return") m.verdict = key;
    else if (key === "reject") m.verdict = "reject";
    else if (key === "jump" || key === "goto") {
      m.verdict = "jump";
      const t = (e as Record<string, { target?: unknown }>)[key]?.target;
      m.target = typeof t === "string" ? t : null;
    } else if (key === "xt") {
      const name = (e as { xt?: { name?: unknown; type?: unknown } }).xt;
      if (name?.type === "target") m.verdict = name.name === "ACCEPT" ? "accept" : name.name === "DROP" ? "drop" : name.name === "REJECT" ? "reject" : "other";
      else m.other += 1;
    } else if (key === "match") {
      const p = Match.safeParse(e);
      if (!p.success) { m.other += 1; continue; }
      const { op, left, right } = p.data.match;
      const words = valueWords(right);
      if (left && typeof left === "object" && "meta" in left) {
        const k = (left as { meta: { key: string } }).meta.key;
        if (k === "iifname" || k === "iif") m.iif = `${not(op)}${words.join(", ")}`;
        else if (k === "oifname" || k === "oif") m.oif = `${not(op)}${words.join(", ")}`;
        else if (k === "l4proto" || k === "nfproto") m.proto = `${not(op)}${words.join("/")}`;
        else m.other += 1;
      } else if (left && typeof left === "object" && "payload" in left) {
        const { protocol, field } = (left as { payload: { protocol: string; field: string } }).payload;
        if (field === "dport") { m.proto = protocol; m.ports = op === "!=" ? words.map((w) => `not ${w}`) : words; }
        else if (field === "saddr") m.saddr = `${not(op)}${words.join(", ")}`;
        else if (field === "daddr") m.daddr = `${not(op)}${words.join(", ")}`;
        else if (field === "protocol" || field === "nexthdr") m.proto = `${not(op)}${words.join("/")}`;
        else m.other += 1;
      } else if (left && typeof left === "object" && "ct" in left && (left as { ct: { key: string } }).ct.key === "state") {
        if (op !== "!=" && words.some((w) => w === "established" || w === "related")) m.established = true;
        else m.other += 1;
      } else m.other += 1;
    } else if (key !== "counter" && key !== "log" && key !== "comment" && key !== "limit") m.other += 1;
  }
  m.text = describeRule(m);
  return m;
}

const VERB: Record<Verdict, string> = { accept: "accepted", drop: "dropped", reject: "rejected", jump: "handed on", return: "returned", other: "handled" };

/** What the rule matches in words; without `withIface` the interfaces are left out (the view groups by interface). */
export function subjectOf(m: RuleMeaning, withIface = true): string {
  const what: string[] = [];
  if (m.established) what.push("replies (established/related)");
  if (m.proto && m.ports.length > 0) what.push(`${m.proto} ${m.ports.join(", ")}`);
  else if (m.proto) what.push(m.proto);
  if (m.saddr) what.push(`from ${m.saddr}`);
  if (m.daddr) what.push(`to ${m.daddr}`);
  if (m.iif && withIface) what.push(`in on ${m.iif}`);
  if (m.oif && withIface) what.push(`out on ${m.oif}`);
  if (m.other > 0) what.push(m.other === 1 ? "one other condition" : `${m.other} other conditions`);
  return what.length > 0 ? what.join(" ") : "everything";
}

export const verbOf = (m: RuleMeaning): string => (m.verdict === "jump" && m.target ? `handed to ${m.target}` : VERB[m.verdict]);

/** The rule in words: what it matches, then what happens to it. */
export function describeRule(m: RuleMeaning): string {
  const subject = subjectOf(m);
  const verb = m.verdict === "jump" && m.target ? `handed to ${m.target}` : VERB[m.verdict];
  return `${subject} ${verb}`;
}
