import { displayOnlyTypes } from "../survey-model/question-types.ts";
import type { Question, SurveyModel } from "survey-core";

// A response's answers as a reader sees them: question titles and display values in the survey's language
// (survey-core's own display texts: choice labels, "Yes"/"No", matrix rows and columns), nested answers
// (matrices, dynamic panels, multiple text) as indented lines.

export interface AnswerLine {
  depth: number;
  label: string;
  /** null: a heading for the lines below it. */
  value: string | null;
}

type AnyQuestion = Question & Record<string, any>;

function plain(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(plain).join(", ");
  return JSON.stringify(value);
}

function nested(lines: AnswerLine[], value: unknown, depth: number): void {
  if (Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null)) {
    value.forEach((element, i) => {
      lines.push({ depth, label: `#${i + 1}`, value: null });
      nested(lines, element, depth + 1);
    });
    return;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
        lines.push({ depth, label: key, value: null });
        nested(lines, inner, depth + 1);
      } else if (Array.isArray(inner) && inner.some((v) => typeof v === "object" && v !== null)) {
        lines.push({ depth, label: key, value: null });
        nested(lines, inner, depth + 1);
      } else if (plain(inner) !== "") lines.push({ depth, label: key, value: plain(inner) });
    }
    return;
  }
  lines.push({ depth, label: "", value: plain(value) });
}

function fileNames(value: unknown): string {
  if (!Array.isArray(value)) return plain(value);
  return value.map((f) => (typeof f === "object" && f !== null && "name" in f ? String(f.name) : plain(f))).join(", ");
}

/**
 * The lines of the answered questions the respondent was shown, in page order. The model must hold the
 * response's answers (`survey.data`) and language (`survey.locale`); it is only read.
 */
export function answerLines(survey: SurveyModel): AnswerLine[] {
  const lines: AnswerLine[] = [];
  for (const q of survey.getAllQuestions(true, false, false) as AnyQuestion[]) {
    const type = q.getType();
    if (displayOnlyTypes.has(type) || q.isEmpty()) continue;
    const label = q.processedTitle || q.name;
    if (type === "signaturepad") {
      lines.push({ depth: 0, label, value: "✓" });
      continue;
    }
    if (type === "file") {
      lines.push({ depth: 0, label, value: fileNames(q.value) });
      continue;
    }
    const display: unknown = q.displayValue;
    if (
      typeof display === "object" &&
      display !== null &&
      (!Array.isArray(display) || display.some((v) => typeof v === "object"))
    ) {
      lines.push({ depth: 0, label, value: null });
      nested(lines, display, 1);
    } else {
      lines.push({ depth: 0, label, value: plain(display) });
    }
    if (typeof q.comment === "string" && q.comment !== "" && !q.isOtherSelected) {
      lines.push({ depth: 1, label: "", value: q.comment });
    }
  }
  return lines;
}
