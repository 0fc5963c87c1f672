import type { FastifyInstance, FastifyReply } from "fastify";
import { requireUser } from "../../plugins/auth.ts";
import { renderAggregateHtml } from "../../reports/html/aggregate-html.ts";
import { IdParams } from "../common.schemas.ts";
import { EvaluationView } from "../evaluations/evaluations.schemas.ts";
import { TokenParams } from "../respond/respond.schemas.ts";
import { csvExport, exportFileName, prepareExport, xlsxExport, type ExportOptions } from "./export.service.ts";
import {
  AggregateReportQuery,
  CsvExportQuery,
  ReportTextBody,
  XlsxExportQuery,
  type XlsxExportQuery as XlsxQuery,
} from "./reports.schemas.ts";
import { aggregateReport, evaluatorResponseReport, respondentCopy, saveReportText } from "./reports.service.ts";

function exportOptions(query: XlsxQuery): ExportOptions {
  return {
    questionnaireId: query.questionnaireId,
    labels: query.labels === "1",
    lang: query.lang ?? "en",
    choiceColumns: query.choiceColumns === "1",
    status: query.status ?? "submitted",
  };
}

function download(
  reply: FastifyReply,
  type: string,
  filename: string,
  disposition: "attachment" | "inline" = "attachment",
) {
  // Exports hold personal data: never kept by a shared cache.
  return reply
    .header("content-type", type)
    .header("content-disposition", `${disposition}; filename="${filename}"`)
    .header("cache-control", "no-store");
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The PDF renderers bring pdfkit, fontkit and their tables (~7 MB of heap, ~15 MB resident): loaded on the first
// PDF asked for, not at start, so that a server that never renders one does not hold them (a module is evaluated
// once; later imports are a lookup).
const responsePdfModule = () => import("../../reports/pdf/response-pdf.ts");
const aggregatePdfModule = () => import("../../reports/pdf/aggregate-pdf.ts");

export async function reportsRoutes(app: FastifyInstance) {
  app.get<{ Params: IdParams; Querystring: CsvExportQuery }>(
    "/api/evaluations/:id/export.csv",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: CsvExportQuery } },
    async (request, reply) => {
      const context = await prepareExport(
        app.db,
        app.catalogue,
        Number(request.params.id),
        exportOptions(request.query),
      );
      const stream = csvExport(app.db, context, {
        bom: request.query.bom === "1",
        onError: (error) => request.log.error({ err: error }, "CSV export failed"),
      });
      return download(reply, "text/csv; charset=utf-8", exportFileName(context, "csv")).send(stream);
    },
  );

  app.get<{ Params: IdParams; Querystring: XlsxExportQuery }>(
    "/api/evaluations/:id/export.xlsx",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: XlsxExportQuery } },
    async (request, reply) => {
      const context = await prepareExport(
        app.db,
        app.catalogue,
        Number(request.params.id),
        exportOptions(request.query),
      );
      const stream = xlsxExport(app.db, context, {
        onError: (error) => request.log.error({ err: error }, "XLSX export failed"),
      });
      return download(reply, xlsxType, exportFileName(context, "xlsx")).send(stream);
    },
  );

  app.get<{ Params: IdParams }>(
    "/api/responses/:id/report.pdf",
    { preValidation: requireUser(), schema: { params: IdParams } },
    async (request, reply) => {
      const report = await evaluatorResponseReport(app.db, app.catalogue, Number(request.params.id));
      const { renderResponsePdf } = await responsePdfModule();
      const pdf = renderResponsePdf(report);
      return download(reply, "application/pdf", `response-${request.params.id}.pdf`, "inline").send(pdf);
    },
  );

  // The respondent's copy: the token is the only credential, as on the other respondent routes.
  app.get<{ Params: TokenParams }>(
    "/api/respond/:token/copy.pdf",
    { schema: { params: TokenParams } },
    async (request, reply) => {
      const report = await respondentCopy(app.db, app.catalogue, request.params.token);
      const { renderResponsePdf } = await responsePdfModule();
      const pdf = renderResponsePdf(report);
      return download(reply, "application/pdf", "answers.pdf", "inline").send(pdf);
    },
  );

  app.get<{ Params: IdParams; Querystring: AggregateReportQuery }>(
    "/api/evaluations/:id/report.pdf",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: AggregateReportQuery } },
    async (request, reply) => {
      const report = await aggregateReport(app.db, app.catalogue, Number(request.params.id), {
        ...request.query,
        minGroupSize: app.config.minGroupSize,
      });
      const { renderAggregatePdf } = await aggregatePdfModule();
      const pdf = renderAggregatePdf(report);
      return download(reply, "application/pdf", `evaluation-${request.params.id}-report.pdf`, "inline").send(pdf);
    },
  );

  app.get<{ Params: IdParams; Querystring: AggregateReportQuery }>(
    "/api/evaluations/:id/report.html",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: AggregateReportQuery } },
    async (request, reply) => {
      const report = await aggregateReport(app.db, app.catalogue, Number(request.params.id), {
        ...request.query,
        minGroupSize: app.config.minGroupSize,
      });
      return (
        reply
          .header("content-type", "text/html; charset=utf-8")
          .header("cache-control", "no-store")
          // The page is self-contained: no script at all, its own <style> and inline SVG only.
          .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(renderAggregateHtml(report))
      );
    },
  );

  app.put<{ Params: IdParams; Body: ReportTextBody }>(
    "/api/evaluations/:id/report-text",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: ReportTextBody, response: { 200: EvaluationView } },
    },
    (request) => saveReportText(app.db, Number(request.params.id), request.body),
  );
}
