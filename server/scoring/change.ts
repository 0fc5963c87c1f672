import { latestPerOrganization, median } from "./cohort.ts";
import type { ScoringModel } from "./scoring-model.ts";
import { scoreResponse, type Basis, type ScoreTrace } from "./score-response.ts";

// Change between rounds (docs/scoring.md): baseline and endline organisations paired by identity, each side re-scored
// on the items answered in both, delta = end - base.

export const changeStatuses = ["improved", "stable", "declined", "not_comparable"] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

/** A delta of at least this much, either way, is a change; anything closer to zero is stable. */
export const changeThreshold = 0.25;
const epsilon = 1e-9;

export function classifyDelta(delta: number | null): ChangeStatus {
  if (delta === null) return "not_comparable";
  // 2.8 - 2.55 is 0.2499999999999998 in floating point: it is still a change of 0.25.
  if (delta >= changeThreshold - epsilon) return "improved";
  if (delta <= -changeThreshold + epsilon) return "declined";
  return "stable";
}

export interface RoundResponse {
  organizationId: string | number;
  responseId?: string | number;
  name?: string;
  answers: Record<string, unknown>;
  /** Drafts (null) are left out; of several submitted responses of one organisation the latest counts. */
  submittedAt: string | null;
  verified?: Record<string, number>;
  isVisible?: (question: string) => boolean;
}

export interface ChangeEntry {
  status: ChangeStatus;
  base: number | null;
  end: number | null;
  delta: number | null;
}

export interface PairChange {
  /** The items answered in both rounds (in the basis), the only ones either side was re-scored with. */
  comparedItems: string[];
  overall: ChangeEntry;
  dimensions: Record<string, ChangeEntry>;
  /** The re-scored traces, which explain both levels. */
  base: ScoreTrace;
  end: ScoreTrace;
}

function answeredItems(trace: ScoreTrace): Set<string> {
  const answered = new Set<string>();
  for (const d of trace.dimensions) for (const i of d.items) if (i.status === "answered") answered.add(i.question);
  return answered;
}

function entry(base: { status: string; level: number | null }, end: { status: string; level: number | null }) {
  const comparable = base.status === "scored" && end.status === "scored";
  const delta = comparable ? (end.level as number) - (base.level as number) : null;
  return { status: classifyDelta(delta), base: base.level, end: end.level, delta };
}

/** The change of one organisation, both responses scored with the same model and basis. */
export function scorePairChange(
  model: ScoringModel,
  base: Pick<RoundResponse, "answers" | "verified" | "isVisible">,
  end: Pick<RoundResponse, "answers" | "verified" | "isVisible">,
  basis: Basis,
): PairChange {
  const optionsOf = (side: typeof base) => ({ basis, verified: side.verified, isVisible: side.isVisible });
  const endAnswered = answeredItems(scoreResponse(model, end.answers, optionsOf(end)));
  const common = new Set(
    [...answeredItems(scoreResponse(model, base.answers, optionsOf(base)))].filter((q) => endAnswered.has(q)),
  );
  const baseTrace = scoreResponse(model, base.answers, { ...optionsOf(base), restrictTo: common });
  const endTrace = scoreResponse(model, end.answers, { ...optionsOf(end), restrictTo: common });
  return {
    comparedItems: model.items.map((i) => i.question).filter((q) => common.has(q)),
    overall: entry(baseTrace.overall, endTrace.overall),
    dimensions: Object.fromEntries(
      baseTrace.dimensions.map((d, i) => [
        d.id,
        entry(d, endTrace.dimensions[i] as (typeof endTrace.dimensions)[number]),
      ]),
    ),
    base: baseTrace,
    end: endTrace,
  };
}

export interface OrganizationChange {
  organizationId: string | number;
  name: string | null;
  baseResponseId: string | number | null;
  endResponseId: string | number | null;
  comparedItems: string[];
  overall: ChangeEntry;
  dimensions: Record<string, ChangeEntry>;
}

export interface ChangeSummary {
  /** Paired organisations. */
  paired: number;
  /** Paired organisations with a delta (scored on both sides). */
  n: number;
  notComparable: number;
  meanDelta: number | null;
  medianDelta: number | null;
  improved: number;
  stable: number;
  declined: number;
}

export interface RoundsChange {
  basis: Basis;
  scoringId: string;
  scoringVersion: string;
  organizations: OrganizationChange[];
  /** Organisations with a submitted response in one round only. */
  unpaired: { baseline: Array<string | number>; endline: Array<string | number> };
  summary: { overall: ChangeSummary; dimensions: Record<string, ChangeSummary> };
}

export function summarizeChange(entries: readonly ChangeEntry[]): ChangeSummary {
  const deltas = entries.filter((e) => e.delta !== null).map((e) => e.delta as number);
  return {
    paired: entries.length,
    n: deltas.length,
    notComparable: entries.length - deltas.length,
    meanDelta: deltas.length === 0 ? null : deltas.reduce((sum, d) => sum + d, 0) / deltas.length,
    medianDelta: median(deltas),
    improved: entries.filter((e) => e.status === "improved").length,
    stable: entries.filter((e) => e.status === "stable").length,
    declined: entries.filter((e) => e.status === "declined").length,
  };
}

/**
 * Compares two rounds. One model scores both sides ("the same rules"): pass the endline's questionnaire model;
 * its scoring `id` must be the baseline's.
 */
export function compareRounds(input: {
  model: ScoringModel;
  baseline: readonly RoundResponse[];
  endline: readonly RoundResponse[];
  basis?: Basis;
}): RoundsChange {
  const basis = input.basis ?? "verified";
  const baseline = latestPerOrganization(input.baseline);
  const endline = latestPerOrganization(input.endline);
  const baseById = new Map(baseline.map((r) => [String(r.organizationId), r]));
  const endIds = new Set(endline.map((r) => String(r.organizationId)));
  const organizations: OrganizationChange[] = [];
  for (const end of endline) {
    const base = baseById.get(String(end.organizationId));
    if (!base) continue;
    const change = scorePairChange(input.model, base, end, basis);
    organizations.push({
      organizationId: end.organizationId,
      name: end.name ?? base.name ?? null,
      baseResponseId: base.responseId ?? null,
      endResponseId: end.responseId ?? null,
      comparedItems: change.comparedItems,
      overall: change.overall,
      dimensions: change.dimensions,
    });
  }
  return {
    basis,
    scoringId: input.model.id,
    scoringVersion: input.model.version,
    organizations,
    unpaired: {
      baseline: baseline.filter((r) => !endIds.has(String(r.organizationId))).map((r) => r.organizationId),
      endline: endline.filter((r) => !baseById.has(String(r.organizationId))).map((r) => r.organizationId),
    },
    summary: {
      overall: summarizeChange(organizations.map((o) => o.overall)),
      dimensions: Object.fromEntries(
        input.model.dimensions.map((d) => [
          d.id,
          summarizeChange(organizations.map((o) => o.dimensions[d.id] as ChangeEntry)),
        ]),
      ),
    },
  };
}
