import { FunctionFactory } from "survey-core";

/**
 * Functions that XLSForm expressions need and survey-core lacks. `concat`: survey-core's "+" adds when both
 * sides are numbers (even after ''), where XLSForm's concat() always joins text; an empty answer is "" and a
 * select_multiple answer its values joined by spaces, as in XPath.
 */
export function registerXlsformFunctions(): void {
  if (FunctionFactory.Instance.hasFunction("concat")) return;
  FunctionFactory.Instance.register("concat", (params: unknown[]) =>
    params.map((p) => (p === undefined || p === null ? "" : Array.isArray(p) ? p.join(" ") : String(p))).join(""),
  );
}
