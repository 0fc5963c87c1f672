// SurveyJS question types grouped by how Sapat treats them, defined once. Pure: no imports.

/** Shown, never answered. */
export const displayOnlyTypes: ReadonlySet<string> = new Set(["html", "image"]);

/** Answered by picking from the question's own choices (or yes/no): summarised as counts per choice. */
export const choiceTypes: ReadonlySet<string> = new Set([
  "radiogroup",
  "dropdown",
  "checkbox",
  "tagbox",
  "boolean",
  "buttongroup",
  "imagepicker",
]);

/** Answered with a list of choices (an imagepicker too, when `multiSelect`). */
export const multipleChoiceTypes: ReadonlySet<string> = new Set(["checkbox", "tagbox", "ranking"]);

/** Repeated by the respondent: their answers are arrays of panels or rows. */
export const dynamicTypes: ReadonlySet<string> = new Set(["paneldynamic", "matrixdynamic"]);
