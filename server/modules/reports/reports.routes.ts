import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply } from "fastify";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { renderAggregateHtml } from "../../reports/html/aggregate-html.ts";
import { fileResponse, IdParams, TokenParams, withErrors } from "../common.schemas.ts";
import { EvaluationView } from "../evaluations/evaluations.schemas.ts";
import { csvExport, exportFileName, prepareExport, xlsxExport, type ExportOptions } from "./export.service.ts";
import {
  AggregateReportQuery,
  CsvExportQuery,
  ReportTextBody,
  XlsxExportQuery,
  type XlsxExportQuery as XlsxQuery,
} from "./reports.schemas.ts";
import { aggregateReport, evaluatorResponseReport, respondentCopy, saveReportText } from "./reports.service.ts";
import { editorRoles } from "../../value-lists.ts";

function exportOptions(query: XlsxQuery): ExportOptions {
  return {
    questionnaireId: query.questionnaireId,
    labels: query.labels === "1",
    lang: query.lang ?? "en",
    headers: query.headers ?? "keys",
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
const csvFile = fileResponse("text/csv", "The responses, one row each (UTF-8; `bom=1` adds a byte-order mark)");
const xlsxFile = fileResponse(xlsxType, "The responses and a codebook sheet");
const pdfFile = fileResponse("application/pdf", "The report as PDF");
const htmlPage = fileResponse("text/html", "The report as a printable, self-contained page");

// The PDF renderers bring pdfkit, fontkit and their tables (~7 MB of heap, ~15 MB resident): loaded on the first
// PDF asked for, not at start, so that a server that never renders one does not hold them (a module is evaluated
// once; later imports are a lookup).
const responsePdfModule = () => import("../../reports/pdf/response-pdf.ts");
const aggregatePdfModule = () => import("../../reports/pdf/aggregate-pdf.ts");

export async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/evaluations/:id/export.csv",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: CsvExportQuery, response: withErrors({ 200: csvFile }) },
    },
    async (request, reply) => {
      const context = await prepareExport(app.db, app.catalogue, request.params.id, exportOptions(request.query));
      await recordEvent(app.db, actorOf(request), "export", auditTarget("evaluation", request.params.id), {
        format: "csv",
        ...request.query,
      });
      const stream = csvExport(app.db, context, {
        bom: request.query.bom === "1",
        onError: (error) => request.log.error({ err: error }, "CSV export failed"),
      });
      return download(reply, "text/csv; charset=utf-8", exportFileName(context, "csv")).send(stream);
    },
  );

  app.get(
    "/api/evaluations/:id/export.xlsx",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: XlsxExportQuery, response: withErrors({ 200: xlsxFile }) },
    },
    async (request, reply) => {
      const context = await prepareExport(app.db, app.catalogue, request.params.id, exportOptions(request.query));
      await recordEvent(app.db, actorOf(request), "export", auditTarget("evaluation", request.params.id), {
        format: "xlsx",
        ...request.query,
      });
      const stream = xlsxExport(app.db, context, {
        onError: (error) => request.log.error({ err: error }, "XLSX export failed"),
      });
      return download(reply, xlsxType, exportFileName(context, "xlsx")).send(stream);
    },
  );

  app.get(
    "/api/responses/:id/report.pdf",
    {
      preValidation: [requireUser(), requireMember("response", "read")],
      schema: { params: IdParams, response: withErrors({ 200: pdfFile }) },
    },
    async (request, reply) => {
      const report = await evaluatorResponseReport(app.db, app.catalogue, request.params.id);
      await recordEvent(app.db, actorOf(request), "report", auditTarget("response", request.params.id), {
        format: "pdf",
      });
      const { renderResponsePdf } = await responsePdfModule();
      const pdf = renderResponsePdf(report);
      return download(reply, "application/pdf", `response-${request.params.id}.pdf`, "inline").send(pdf);
    },
  );

  // The respondent's copy: the token is the only credential, as on the other respondent routes.
  app.get(
    "/api/respond/:token/copy.pdf",
    { schema: { params: TokenParams, response: withErrors({ 200: pdfFile }) } },
    async (request, reply) => {
      const report = await respondentCopy(app.db, app.catalogue, request.params.token);
      const { renderResponsePdf } = await responsePdfModule();
      const pdf = renderResponsePdf(report);
      return download(reply, "application/pdf", "answers.pdf", "inline").send(pdf);
    },
  );

  app.get(
    "/api/evaluations/:id/report.pdf",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: AggregateReportQuery, response: withErrors({ 200: pdfFile }) },
    },
    async (request, reply) => {
      const report = await aggregateReport(app.db, app.catalogue, request.params.id, {
        ...request.query,
        minGroupSize: app.config.minGroupSize,
      });
      await recordEvent(app.db, actorOf(request), "report", auditTarget("evaluation", request.params.id), {
        format: "pdf",
        ...request.query,
      });
      const { renderAggregatePdf } = await aggregatePdfModule();
      const pdf = renderAggregatePdf(report);
      return download(reply, "application/pdf", `evaluation-${request.params.id}-report.pdf`, "inline").send(pdf);
    },
  );

  app.get(
    "/api/evaluations/:id/report.html",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: AggregateReportQuery, response: withErrors({ 200: htmlPage }) },
    },
    async (request, reply) => {
      const report = await aggregateReport(app.db, app.catalogue, request.params.id, {
        ...request.query,
        minGroupSize: app.config.minGroupSize,
      });
      await recordEvent(app.db, actorOf(request), "report", auditTarget("evaluation", request.params.id), {
        format: "html",
        ...request.query,
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

  app.put(
    "/api/evaluations/:id/report-text",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: { params: IdParams, body: ReportTextBody, response: withErrors({ 200: EvaluationView }) },
    },
    (request) => saveReportText(app.db, request.params.id, request.body),
  );
}
