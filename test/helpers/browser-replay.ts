import { Model, settings, type PageModel, type Question } from "survey-core";
import { setupSurveyCore } from "../../server/survey-model/setup-survey-core.ts";

type Answers = Record<string, unknown>;

export interface BrowserOutcome {
  /** Top-level names of the questions survey-core shows an error on. */
  refused: string[];
  /** survey.data once completed (invisible answers cleared), restricted to the keys that were sent. */
  kept: Answers;
  /**
   * Sent keys of questions on pages this path never showed (a skip or complete trigger jumped over them). Going
   * forward page by page, their answers are never entered; a respondent who filled such a page and then went back
   * and changed the answer that jumps has them in survey-core's data all the same, so what is kept of them is not
   * this path's to say.
   */
  unvisited: string[];
}

/**
 * What survey-core in the respondent's browser keeps and refuses, written apart from the server's code and driving
 * survey-core's own navigation: a fresh model; the start page's answers entered, then `start()`; on each page the
 * respondent reaches, its answers entered as the form does (question.value, comment, in question order, so skip
 * triggers move on as they fire), then Next (`performNext`, which runs complete triggers) or Complete
 * (`tryComplete`) on the last page. A page with errors is noted and left anyway, as a respondent fixing them
 * would. Once completed, survey-core has cleared the answers of invisible questions.
 */
export function browserOutcome(json: Record<string, unknown>, data: Answers, locale = ""): BrowserOutcome {
  setupSurveyCore();
  const survey = new Model(json);
  // Public in survey-core's JavaScript, not in its typings.
  const state = survey as unknown as { isStartedState: boolean; isCompleted: boolean };
  survey.locale = locale;
  const refused = new Set<string>();
  const entered = new Set<string>();
  const shown = new Set<PageModel>();
  const enterPage = (page: PageModel) => {
    shown.add(page);
    for (const question of page.questions as Array<Question & Record<string, any>>) {
      const key = question.getValueName();
      if (key in data && !entered.has(key)) {
        entered.add(key);
        question.value = structuredClone(data[key]);
      }
      const comment = key + settings.commentSuffix;
      if (comment in data && !entered.has(comment)) {
        entered.add(comment);
        question.comment = data[comment] as string;
      }
      // A skip trigger moved the respondent elsewhere: the rest of this page is not in front of them.
      if (survey.currentPage !== page && !(state.isStartedState && page === survey.startPage)) return;
    }
  };
  const noteErrors = (page: PageModel) => {
    page.validate(true, false);
    for (const q of survey.getAllQuestions(true, false, true)) {
      if (q.errors.length > 0 && topLevel(q).page === page) refused.add(topLevel(q).name);
    }
  };
  if (survey.firstPageIsStartPage && survey.startPage) {
    enterPage(survey.startPage);
    if (!survey.start()) {
      noteErrors(survey.startPage);
      state.isStartedState = false;
      survey.currentPageNo = 0;
    }
  }
  for (let steps = 0; steps < survey.pages.length * 2 && !state.isCompleted; steps++) {
    const page = survey.currentPage as PageModel;
    enterPage(page);
    if (survey.currentPage !== page) continue;
    const moved = survey.isLastPage ? survey.tryComplete() : survey.performNext();
    if (!moved && !state.isCompleted) {
      noteErrors(page);
      if (survey.isLastPage) survey.doComplete();
      else survey.currentPageNo = survey.currentPageNo + 1;
    }
  }
  const completed = survey.data as Answers;
  const kept: Answers = {};
  const unvisited = new Set<string>();
  for (const question of survey.getAllQuestions(false, false, false)) {
    const page = topLevel(question).page as PageModel;
    if (!shown.has(page) && question.getValueName() in data) unvisited.add(question.getValueName());
  }
  for (const key of Object.keys(data)) if (key in completed && !unvisited.has(key)) kept[key] = completed[key];
  return { refused: [...refused].sort(), kept: JSON.parse(JSON.stringify(kept)), unvisited: [...unvisited].sort() };
}

function topLevel(question: Question): Question {
  let q = question;
  while (q.parentQuestion) q = q.parentQuestion;
  return q;
}
