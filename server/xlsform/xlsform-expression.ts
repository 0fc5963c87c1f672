// XLSForm expressions (the XPath subset of https://xlsform.org) translated into SurveyJS expressions. A small
// parser (tokens, then precedence climbing) rather than text substitution, so that anything it does not know
// is refused instead of passed on with a different meaning.

/** Where a `${name}` points: its SurveyJS path (`q`, or `panel.q` inside the same repeat) and its kind. */
export interface ReferenceTarget {
  path: string;
  kind: "select_one" | "select_multiple" | "value";
}

export interface ExpressionScope {
  /** The target of `${name}`, or null when the form has no such question (or it cannot be reached from here). */
  reference(name: string): ReferenceTarget | null;
  /** What `.` means: the question the expression belongs to; null where `.` has no meaning. */
  current: ReferenceTarget | null;
  /** In a choice_filter, a bare name is a column of the choice being filtered: its value there. */
  choiceColumn?(name: string): string | null;
}

/** An expression that cannot be translated; the caller adds the sheet, row and column. */
export class ExpressionError extends Error {}

type Token =
  | { kind: "ref"; name: string }
  | { kind: "dot" }
  | { kind: "num"; text: string }
  | { kind: "str"; value: string }
  | { kind: "name"; text: string }
  | { kind: "op"; text: string };

type Node =
  | { kind: "ref"; name: string }
  | { kind: "dot" }
  | { kind: "num"; text: string }
  | { kind: "str"; value: string }
  | { kind: "column"; name: string }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "negate"; operand: Node };

const twoCharOps = ["!=", "<=", ">="];
const oneCharOps = "=<>+-*(),";

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (text.startsWith("${", i)) {
      const end = text.indexOf("}", i);
      if (end === -1) throw new ExpressionError(`"\${" at position ${i + 1} is not closed with "}"`);
      const name = text.slice(i + 2, end).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new ExpressionError(`"\${${name}}" is not a question name`);
      tokens.push({ kind: "ref", name });
      i = end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end === -1) throw new ExpressionError(`the text starting at position ${i + 1} is not closed`);
      tokens.push({ kind: "str", value: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: "num", text: number[0] });
      i += number[0].length;
      continue;
    }
    if (ch === ".") {
      if (text[i + 1] === ".") throw new ExpressionError(`".." (the parent node) has no SurveyJS equivalent`);
      tokens.push({ kind: "dot" });
      i++;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (name) {
      // XPath names may contain "-" (count-selected), so `a-b` is one name there too; a trailing "-" is not part of it.
      const word = name[0].replace(/-+$/, "");
      tokens.push({ kind: "name", text: word });
      i += word.length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (twoCharOps.includes(two)) {
      tokens.push({ kind: "op", text: two });
      i += 2;
      continue;
    }
    if (oneCharOps.includes(ch)) {
      tokens.push({ kind: "op", text: ch });
      i++;
      continue;
    }
    throw new ExpressionError(`"${ch}" at position ${i + 1} has no SurveyJS equivalent`);
  }
  return tokens;
}

const binaryLevels: string[][] = [
  ["or"],
  ["and"],
  ["=", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "div", "mod"],
];

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new ExpressionError("the expression is empty");
    const node = this.binary(0);
    const rest = this.tokens[this.position];
    if (rest) throw new ExpressionError(`unexpected ${describe(rest)} after a complete expression`);
    return node;
  }

  private peekOperator(): string | null {
    const token = this.tokens[this.position];
    if (!token) return null;
    if (token.kind === "op") return token.text;
    if (token.kind === "name" && ["or", "and", "div", "mod"].includes(token.text)) return token.text;
    return null;
  }

  private binary(level: number): Node {
    if (level === binaryLevels.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.peekOperator();
      if (!op || !binaryLevels[level]!.includes(op)) return left;
      this.position++;
      left = { kind: "binary", op, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.peekOperator() === "-") {
      this.position++;
      return { kind: "negate", operand: this.unary() };
    }
    return this.primary();
  }

  private expect(text: string): void {
    const token = this.tokens[this.position];
    if (!token || token.kind !== "op" || token.text !== text) {
      throw new ExpressionError(`expected "${text}" but found ${token ? describe(token) : "the end"}`);
    }
    this.position++;
  }

  private primary(): Node {
    const token = this.tokens[this.position++];
    if (!token) throw new ExpressionError("the expression ends too early");
    switch (token.kind) {
      case "ref":
      case "dot":
      case "num":
      case "str":
        return token;
      case "op":
        if (token.text === "(") {
          const inner = this.binary(0);
          this.expect(")");
          return inner;
        }
        throw new ExpressionError(`unexpected "${token.text}"`);
      case "name": {
        const next = this.tokens[this.position];
        if (next?.kind === "op" && next.text === "(") {
          this.position++;
          const args: Node[] = [];
          const close = this.tokens[this.position];
          if (close?.kind === "op" && close.text === ")") this.position++;
          else {
            for (;;) {
              args.push(this.binary(0));
              const sep = this.tokens[this.position];
              if (sep?.kind === "op" && sep.text === ",") {
                this.position++;
                continue;
              }
              this.expect(")");
              break;
            }
          }
          return { kind: "call", name: token.text, args };
        }
        return { kind: "column", name: token.text };
      }
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "ref":
      return `\${${token.name}}`;
    case "dot":
      return `"."`;
    case "num":
      return token.text;
    case "str":
      return `'${token.value}'`;
    case "name":
    case "op":
      return `"${token.text}"`;
  }
}

export function parseExpression(text: string): Node {
  return new Parser(tokenize(text)).parse();
}

const surveyOperators: Record<string, string> = {
  or: "or",
  and: "and",
  "=": "=",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "+": "+",
  "-": "-",
  "*": "*",
  div: "/",
  mod: "%",
};

function quote(value: string): string {
  // survey-core has no escape inside a string literal.
  if (!value.includes("'")) return `'${value}'`;
  throw new ExpressionError(`the text '${value}' contains an apostrophe, which SurveyJS expressions cannot hold`);
}

class Translator {
  constructor(private readonly scope: ExpressionScope) {}

  target(node: Node): ReferenceTarget | null {
    if (node.kind === "ref") {
      const target = this.scope.reference(node.name);
      if (!target) throw new ExpressionError(`\${${node.name}} names no question of this form`);
      return target;
    }
    if (node.kind === "dot") {
      if (!this.scope.current) throw new ExpressionError(`"." (the current answer) has no meaning here`);
      return this.scope.current;
    }
    return null;
  }

  /** A reference argument: `${name}` or `.`, required by functions that read a question's answer itself. */
  referenceArgument(node: Node | undefined, fn: string): ReferenceTarget {
    const target = node ? this.target(node) : null;
    if (!target)
      throw new ExpressionError(`${fn}() is translated only for a \${question} or "." as its first argument`);
    return target;
  }

  arity(node: { name: string; args: Node[] }, min: number, max = min): void {
    if (node.args.length < min || node.args.length > max) {
      const count = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new ExpressionError(`${node.name}() takes ${count} argument(s), got ${node.args.length}`);
    }
  }

  emit(node: Node): string {
    switch (node.kind) {
      case "ref":
      case "dot":
        return `{${this.target(node)!.path}}`;
      case "num":
        return node.text;
      case "str":
        return quote(node.value);
      case "column": {
        const value = this.scope.choiceColumn?.(node.name);
        if (value === undefined || value === null) {
          throw new ExpressionError(
            this.scope.choiceColumn
              ? `"${node.name}" is no column of the choices sheet`
              : `"${node.name}" is neither a \${question} nor a function call`,
          );
        }
        return /^-?\d+(\.\d+)?$/.test(value) ? value : quote(value);
      }
      case "negate":
        return `(0 - ${this.emit(node.operand)})`;
      case "binary":
        return this.binary(node);
      case "call":
        return this.call(node);
    }
  }

  binary(node: Extract<Node, { kind: "binary" }>): string {
    if (node.op === "=" || node.op === "!=") {
      // XPath compares an empty answer equal to ''; spell it as SurveyJS's empty test so no coercion decides.
      const [other, empty] = isEmptyText(node.right) ? [node.left, true] : [node.right, isEmptyText(node.left)];
      const target = empty ? this.target(other) : null;
      if (target) return `({${target.path}} ${node.op === "=" ? "empty" : "notempty"})`;
      for (const side of [node.left, node.right]) {
        if (this.target(side)?.kind === "select_multiple") {
          throw new ExpressionError(`compare a select_multiple answer with selected(), not with "${node.op}"`);
        }
      }
    }
    return `(${this.emit(node.left)} ${surveyOperators[node.op]} ${this.emit(node.right)})`;
  }

  call(node: Extract<Node, { kind: "call" }>): string {
    switch (node.name) {
      case "not":
        this.arity(node, 1);
        return `!(${this.emit(node.args[0]!)})`;
      case "true":
      case "false":
        this.arity(node, 0);
        return node.name;
      case "today":
        this.arity(node, 0);
        return "today()";
      case "selected": {
        this.arity(node, 2);
        const target = this.referenceArgument(node.args[0], "selected");
        const value = node.args[1]!;
        if (value.kind !== "str" && value.kind !== "num") {
          throw new ExpressionError("selected() is translated only with a literal choice value as its second argument");
        }
        const literal = value.kind === "str" ? quote(value.value) : quote(value.text);
        return target.kind === "select_multiple"
          ? `({${target.path}} contains ${literal})`
          : `({${target.path}} = ${literal})`;
      }
      case "count-selected":
      case "string-length": {
        this.arity(node, 1);
        const target = this.referenceArgument(node.args[0], node.name);
        return `iif({${target.path}} empty, 0, {${target.path}.length})`;
      }
      case "if":
        this.arity(node, 3);
        return `iif(${node.args.map((a) => this.emit(a)).join(", ")})`;
      case "concat":
        this.arity(node, 1, Infinity);
        // concat() is registered with survey-core by server/survey-model/xlsform-functions.ts.
        return `concat(${node.args.map((a) => this.emit(a)).join(", ")})`;
      case "coalesce": {
        this.arity(node, 2);
        const first = this.referenceArgument(node.args[0], "coalesce");
        return `iif({${first.path}} notempty, {${first.path}}, ${this.emit(node.args[1]!)})`;
      }
      default:
        throw new ExpressionError(`the function ${node.name}() has no SurveyJS translation`);
    }
  }
}

function isEmptyText(node: Node): boolean {
  return node.kind === "str" && node.value === "";
}

/** Translates one XLSForm expression; throws ExpressionError saying what cannot be translated. */
export function translateExpression(text: string, scope: ExpressionScope): string {
  const node = parseExpression(text);
  const out = new Translator(scope).emit(node);
  // One pair of outer parentheses is noise in the stored JSON.
  return out.startsWith("(") && out.endsWith(")") && balancedInside(out) ? out.slice(1, -1) : out;
}

function balancedInside(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === "(") depth++;
    if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** The `${names}` an expression mentions, in order of appearance (for checks that need no translation). */
export function referencedNames(text: string): string[] {
  return tokenize(text).flatMap((t) => (t.kind === "ref" ? [t.name] : []));
}
