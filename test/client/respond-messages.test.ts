import { describe, expect, it } from "vitest";
import { messagesFor, plural } from "../../client/src/features/respond/messages.ts";

describe("plural", () => {
  it.each([
    ["en", 1, "1 question is not answered:"],
    ["en", 7, "7 questions are not answered:"],
    ["ru", 1, "Без ответа остался 1 вопрос:"],
    ["ru", 3, "Без ответа остались 3 вопроса:"],
    ["ru", 5, "Без ответа остались 5 вопросов:"],
    ["ru", 21, "Без ответа остался 21 вопрос:"],
    ["ru", 24, "Без ответа остались 24 вопроса:"],
    ["ky", 1, "1 суроого жооп берилген жок:"],
    ["ky", 12, "12 суроого жооп берилген жок:"],
  ])("%s, %i unanswered", (locale, count, expected) => {
    expect(plural(messagesFor(locale).unanswered, count, locale)).toBe(expected);
  });
});
