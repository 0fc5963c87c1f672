import sanitizeHtml from "sanitize-html";

/**
 * Properties whose text SurveyJS (or a report) may render as HTML: an html question's `html`, the completion and
 * loading pages, and every title, description or item text that a markdown hook would turn into HTML. Each is a
 * string or a localisable object (`{default, en, ru, ky}`). Expressions (`visibleIf`...), names and values are never
 * touched: `{a} < 3` is not HTML.
 */
const htmlProperties = new Set([
  "html",
  "completedHtml",
  "completedBeforeHtml",
  "loadingHtml",
  "title",
  "description",
  "text",
  "otherText",
  "noneText",
  "commentText",
  "placeholder",
  "minRateDescription",
  "maxRateDescription",
  "labelTrue",
  "labelFalse",
]);

/**
 * Formatting only: no script, style, meta, base, iframe, object, form or input; no event handler (`on...`) or style
 * attribute with `url(` or `expression(`; links and images over http(s) (and mailto/tel for links) only.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "style"), "img", "span", "font"],
  allowedAttributes: {
    a: ["href", "title", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    td: ["colspan", "rowspan", "align"],
    th: ["colspan", "rowspan", "align", "scope"],
    "*": ["class", "style", "lang", "dir"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  // Only plain values: no parenthesis, so no url(...), expression(...) or var(...).
  allowedStyles: {
    "*": Object.fromEntries(
      [
        "color",
        "background-color",
        "text-align",
        "font-weight",
        "font-style",
        "font-size",
        "text-decoration",
        "margin",
        "margin-left",
        "margin-right",
        "margin-top",
        "margin-bottom",
        "padding",
        "width",
        "max-width",
        "border",
      ].map((property) => [property, [/^[#\w\s.,%-]+$/]]),
    ),
  },
  transformTags: {
    // A link that opens a new tab must not hand the respondent's page to it.
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: "noopener noreferrer" } : attribs,
    }),
  },
  disallowedTagsMode: "discard",
};

/** Evaluator-written HTML made safe to render anywhere (respondent page, workspace, PDF, export). */
export function sanitizeHtmlText(text: string): string {
  // Text without a tag cannot carry markup; leaving it untouched keeps `&` and `<`-free text byte for byte.
  return text.includes("<") ? sanitizeHtml(text, options) : text;
}

function sanitizeLocalisable(value: unknown): unknown {
  if (typeof value === "string") return sanitizeHtmlText(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([locale, text]) => [locale, typeof text === "string" ? sanitizeHtmlText(text) : text]),
    );
  }
  return value;
}

/**
 * A copy of a SurveyJS questionnaire with every HTML-capable text sanitised, in every language, at every depth
 * (pages, panels, dynamic panels' templates, matrices' columns and rows, choices, validators, completion pages).
 */
export function sanitizeQuestionnaire(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(sanitizeQuestionnaire);
  if (typeof json !== "object" || json === null) return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      htmlProperties.has(key) ? sanitizeNested(value) : sanitizeQuestionnaire(value),
    ]),
  );
}

/** A localisable text, or (for a property like `title` holding an object of other shape) its contents. */
function sanitizeNested(value: unknown): unknown {
  if (typeof value === "string") return sanitizeHtmlText(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.values(value);
    if (entries.every((v) => typeof v === "string")) return sanitizeLocalisable(value);
  }
  return sanitizeQuestionnaire(value);
}
