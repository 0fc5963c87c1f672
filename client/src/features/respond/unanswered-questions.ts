import type { Question, SurveyModel } from "survey-core";

export interface UnansweredQuestion {
  name: string;
  /** The element id survey-react-ui gives the question's block: the link's target. */
  id: string;
  title: string;
  /** 1-based, among the pages the respondent sees. */
  pageNumber: number;
}

/** Questions that show nothing to answer (html, image, expression) or that the respondent cannot change. */
const isAnswerable = (question: Question) => question.hasInput && !question.isReadOnly;

/**
 * The questions the respondent sees and has left empty, in page order. A question inside a hidden panel or on a
 * hidden page does not count; a matrix, multiple-text or dynamic panel counts as answered once any part is.
 */
export function listUnansweredQuestions(model: SurveyModel): UnansweredQuestion[] {
  const unanswered: UnansweredQuestion[] = [];
  model.visiblePages.forEach((page, index) => {
    const questions: Question[] = [];
    page.addQuestionsToList(questions, true);
    for (const question of questions) {
      if (!question.isVisible || !question.isParentVisible || !isAnswerable(question) || !question.isEmpty()) continue;
      unanswered.push({
        name: question.name,
        id: question.id,
        title: question.processedTitle || question.name,
        pageNumber: index + 1,
      });
    }
  });
  return unanswered;
}
