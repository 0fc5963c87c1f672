import { ConditionsParser } from "survey-core";

// SurveyJS expressions back into XLSForm ones, for the export. survey-core's own parser gives the tree, so the
// export reads expressions exactly as survey-core runs them; what has no XLSForm spelling is refused.

export class UntranslatableError extends Error {}

interface Operand {
  getType(): string;
}
type Any = Operand & Record<string, any>;

export interface BackScope {
  /** The XLSForm name of a SurveyJS variable (`panel.q` -> `q`), or null. */
  name(variable: string): string | null;
  /** The variable `.` stands for, if any. */
  current: string | null;
  /** Whether a name is a select_multiple (for `contains`). */
  isMultiple(name: string): boolean;
}

const binary: Record<string, string> = {
  or: "or",
  and: "and",
  equal: "=",
  notequal: "!=",
  less: "<",
  lessorequal: "<=",
  greater: ">",
  greaterorequal: ">=",
  plus: "+",
  minus: "-",
  mul: "*",
  div: "div",
  mod: "mod",
};

function literal(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true()" : "false()";
  if (typeof value === "string") return value.includes("'") ? `"${value}"` : `'${value}'`;
  throw new UntranslatableError(`the value ${JSON.stringify(value)} has no XLSForm spelling`);
}

function emit(node: Any, scope: BackScope): string {
  const reference = (n: Any): string => {
    const variable = String(n.variable);
    if (variable === scope.current) return ".";
    const lengthOf = variable.endsWith(".length") ? variable.slice(0, -".length".length) : null;
    const name = scope.name(lengthOf ?? variable);
    if (!name) throw new UntranslatableError(`{${variable}} has no XLSForm equivalent`);
    if (lengthOf) return scope.isMultiple(name) ? `count-selected(\${${name}})` : `string-length(\${${name}})`;
    return `\${${name}}`;
  };
  switch (node.getType()) {
    case "variable":
      return reference(node);
    case "const":
      return literal(node.correctValue);
    case "binary": {
      const op = String(node.operator);
      const left = node.leftOperand as Any;
      const right = node.rightOperand as Any;
      if (op === "contains" || op === "notcontains") {
        if (left.getType() !== "variable" || right.getType() !== "const") {
          throw new UntranslatableError(`"${op}" is exported only as {question} ${op} 'value'`);
        }
        const test = `selected(${reference(left)}, ${literal(String(right.correctValue))})`;
        return op === "contains" ? test : `not(${test})`;
      }
      if (op === "anyof" && right.getType() === "array") {
        const values = (right.values as Any[]).map(
          (v) => `selected(${reference(left)}, ${literal(String(v.correctValue))})`,
        );
        return `(${values.join(" or ")})`;
      }
      const xpath = binary[op];
      if (!xpath) throw new UntranslatableError(`the operator "${op}" has no XLSForm equivalent`);
      return `(${emit(left, scope)} ${xpath} ${emit(right, scope)})`;
    }
    case "unary": {
      const op = String(node.operator);
      const inner = emit(node.expression as Any, scope);
      if (op === "negate") return `not(${inner})`;
      if (op === "empty") return `(${inner} = '')`;
      if (op === "notempty") return `(${inner} != '')`;
      throw new UntranslatableError(`the operator "${op}" has no XLSForm equivalent`);
    }
    case "function": {
      const fn = String(node.functionName);
      const args = (node.paramValues as Any[]).map((a) => emit(a, scope));
      if (fn === "iif" && args.length === 3) return `if(${args.join(", ")})`;
      if (fn === "today" && args.length === 0) return "today()";
      if (fn === "concat") return `concat(${args.join(", ")})`;
      throw new UntranslatableError(`the function ${fn}() has no XLSForm equivalent`);
    }
    default:
      throw new UntranslatableError(`"${String(node)}" has no XLSForm equivalent`);
  }
}

function unwrap(text: string): string {
  if (!text.startsWith("(") || !text.endsWith(")")) return text;
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === "(") depth++;
    if (text[i] === ")") depth--;
    if (depth === 0) return text;
  }
  return text.slice(1, -1);
}

/** A SurveyJS expression as an XLSForm expression; throws UntranslatableError. */
export function toXlsformExpression(expression: string, scope: BackScope): string {
  const tree = new ConditionsParser().parseExpression(expression) as Any | null;
  if (!tree) throw new UntranslatableError(`"${expression}" does not parse`);
  return unwrap(emit(tree, scope));
}
