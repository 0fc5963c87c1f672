export function HomePage() {
  return (
    <main className="page narrow">
      <h1>Sapat</h1>
      <p>Evaluation surveys with organisational capacity scores.</p>
      <p>
        Respondents open the personal link they received by email. Evaluators use the API for now; the evaluator
        workspace is on its way.
      </p>
    </main>
  );
}
