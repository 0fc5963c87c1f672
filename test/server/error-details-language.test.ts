import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sayIn, said } from "../../server/i18n/details.ts";
import { acceptedUiLanguage } from "../../server/i18n/languages.ts";
import { buildTestApp, logInAs, type UserSession, type TestApp } from "../helpers/build-app.ts";
import { expectError } from "../helpers/http.ts";

// Error details (`details[].message`) come in the language the request asks for (Accept-Language: the workspace
// sends its own), from the catalogue; the error code, the English `message` and the fields stay as they are.

let t: TestApp;
let admin: UserSession;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await logInAs(t, "admin");
});
afterAll(() => t.close());

function send(method: "POST" | "PUT" | "PATCH", url: string, payload: unknown, language?: string) {
  return t.app.inject({
    method,
    url,
    payload: payload as object,
    headers: { ...admin.headers, ...(language ? { "accept-language": language } : {}) },
  });
}

const badEvaluation = {
  name: "",
  questionnaireIds: [],
  round: "x".repeat(101),
  closesAt: "next week",
  extra: 1,
};

describe("request-schema failures", () => {
  it("are said in Russian to a Russian request, one sentence per field, with the fields and the code as they are", async () => {
    const body = expectError(await send("POST", "/api/evaluations", badEvaluation, "ru-RU,ru;q=0.9,en;q=0.8"), 400);
    expect(body.error).toBe("invalid_request");
    expect(body.details).toEqual([
      { field: "extra", message: "неизвестное поле" },
      { field: "name", message: "не может быть пустым" },
      { field: "questionnaireIds", message: "не может быть пустым" },
      { field: "round", message: "должно содержать не более 100 символов" },
      {
        field: "closesAt",
        message: "ожидается дата и время (ISO 8601, например 2027-01-06T10:00:00Z) или дата (ГГГГ-ММ-ДД)",
      },
    ]);
    // The summary stays English: it is for logs and for API clients that read no details.
    expect(body.message).toMatch(/^Invalid body: extra is not a known field; name must not be empty/);
  });

  it("are said in Kyrgyz, and in English to a request that asks for no language Sapat speaks", async () => {
    const ky = expectError(await send("POST", "/api/evaluations", badEvaluation, "ky"), 400);
    expect(ky.details.map((d) => d.message)).toEqual([
      "белгисиз талаа",
      "бош болбошу керек",
      "бош болбошу керек",
      "100 белгиден ашпашы керек",
      "күтүлгөн маани: дата жана убакыт (ISO 8601, мисалы 2027-01-06T10:00:00Z) же дата (ЖЖЖЖ-АА-КК)",
    ]);
    for (const language of [undefined, "de-DE", "fr, ky;q=0"]) {
      const en = expectError(await send("POST", "/api/evaluations", badEvaluation, language), 400);
      expect(en.details.map((d) => d.message)).toEqual([
        "is not a known field",
        "must not be empty",
        "must not be empty",
        "must be at most 100 characters long",
        "must be a date and time (ISO 8601, e.g. 2027-01-06T10:00:00Z) or a date (YYYY-MM-DD)",
      ]);
    }
  });

  it("say what is required, which values are allowed, the format and the type", async () => {
    const organization = expectError(
      await send("POST", "/api/organizations", { name: "Ак-Жол", kind: "club", email: "office" }, "ru"),
      400,
    );
    expect(organization.details).toEqual([
      { field: "region", message: "обязательно для заполнения" },
      { field: "kind", message: "допустимые значения: ngo, government, beneficiary, other" },
      { field: "email", message: "ожидается адрес электронной почты" },
    ]);
    const evaluation = expectError(
      await send(
        "POST",
        "/api/evaluations",
        { name: "E", questionnaireIds: "ngo-capacity", reminderDaysBefore: 0 },
        "ru",
      ),
      400,
    );
    expect(evaluation.details).toEqual([
      { field: "questionnaireIds", message: "ожидается список" },
      { field: "reminderDaysBefore", message: "должно быть не меньше 1" },
    ]);
  });
});

describe("the modules' own details", () => {
  it("are said in the request's language, counts with Russian plural forms", async () => {
    const user = expectError(
      await send(
        "POST",
        "/api/users",
        { email: "aida@example.org", name: "Aida", role: "viewer", password: "short" },
        "ru",
      ),
      400,
    );
    expect(user.details).toEqual([{ field: "password", message: "должно содержать не менее 10 символов" }]);

    const evaluation = expectError(
      await send("POST", "/api/evaluations", { name: "E", questionnaireIds: ["ngo-capacity", "no-such"] }, "ky"),
      400,
    );
    expect(evaluation.details).toEqual([{ field: "questionnaireIds.1", message: "«no-such» анкетасы жок" }]);

    const organization = expectError(
      await send(
        "POST",
        "/api/organizations",
        { name: "Ак-Жол", kind: "ngo", region: "Чуй", email: "office,attacker@evil.example" },
        "ru",
      ),
      400,
    );
    expect(organization.details).toEqual([
      {
        field: "email",
        message: "должен быть один адрес электронной почты (имя@домен), без имени и второго адреса",
      },
    ]);
  });

  it("name the questionnaire upload's problems in the reader's language", async () => {
    const json = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "text", name: "q1" },
            { type: "comment", name: "q1" },
          ],
        },
      ],
    };
    const upload = expectError(await send("POST", "/api/questionnaires", { id: "dup-ru", json }, "ru"), 422);
    expect(upload.details).toEqual([{ field: "q1", message: "имя вопроса «q1» повторяется" }]);

    const xlsform = expectError(
      await t.app.inject({
        method: "POST",
        url: "/api/questionnaires/xlsform?id=broken",
        payload: Buffer.from("not a workbook"),
        headers: {
          ...admin.headers,
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "accept-language": "ky-KG",
        },
      }),
      422,
    );
    expect(xlsform.details).toEqual([
      { sheet: "", row: 0, message: "файлды .xlsx китеби катары окуу мүмкүн болгон жок" },
    ]);
  });

  it("word the organisations import, preview and refusal alike", async () => {
    const csv = "name;region;kind\nАк-Жол;Чуй;ngo\nТомо;;club\n";
    const importCsv = (dryRun: boolean) =>
      t.app.inject({
        method: "POST",
        url: `/api/organizations/import${dryRun ? "?dryRun=1" : ""}`,
        payload: csv,
        headers: { ...admin.headers, "content-type": "text/csv", "accept-language": "ru" },
      });
    const preview = await importCsv(true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().errors).toEqual([
      { line: 3, column: "region", message: "region: не заполнено" },
      {
        line: 3,
        column: "kind",
        message: "kind: «club» — недопустимое значение (допустимые: ngo, government, beneficiary, other)",
      },
    ]);
    const refused = await importCsv(false);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details).toEqual([
      { field: "region", message: "Строка 3: region: не заполнено" },
      {
        field: "kind",
        message: "Строка 3: kind: «club» — недопустимое значение (допустимые: ngo, government, beneficiary, other)",
      },
    ]);
  });
});

describe("the words themselves", () => {
  it("count in Russian's three plural forms and Kyrgyz's one", () => {
    const ru = (count: number) => sayIn("ru", said("schema.maxLength", { count }));
    expect([1, 3, 5, 21, 24, 100].map(ru)).toEqual([
      "должно содержать не более 1 символа",
      "должно содержать не более 3 символов",
      "должно содержать не более 5 символов",
      "должно содержать не более 21 символа",
      "должно содержать не более 24 символов",
      "должно содержать не более 100 символов",
    ]);
    expect(sayIn("en", said("schema.maxLength", { count: 1 }))).toBe("must be at most 1 character long");
    expect(sayIn("ky", said("schema.maxLength", { count: 300 }))).toBe("300 белгиден ашпашы керек");
    expect(sayIn("ru", said("import.emailShared", { count: 2, email: "a@b.kg" }))).toBe(
      "адрес a@b.kg уже есть у 2 организаций; сначала исправьте их",
    );
  });

  it("leaves ranges of levels whole", () => {
    expect(sayIn("ru", said("scoring.choiceLevelRange", { choice: "a", level: "5" }))).toBe(
      "у варианта «a» уровень 5, вне диапазона 1..4",
    );
  });

  it("read the language from Accept-Language by quality", () => {
    expect(acceptedUiLanguage("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(acceptedUiLanguage("de-DE, en;q=0.5, ky;q=0.8")).toBe("ky");
    expect(acceptedUiLanguage("ky;q=0, ru;q=0.1")).toBe("ru");
    expect(acceptedUiLanguage("*")).toBe("en");
    expect(acceptedUiLanguage(undefined)).toBe("en");
  });
});
