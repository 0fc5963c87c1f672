import { useEffect, useMemo, useState } from "react";
import { describeError } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import {
  createInvitations,
  listOrganizations,
  type EvaluationView,
  type InvitationView,
  type OrganizationView,
} from "./api.ts";

export function InviteForm(props: {
  evaluation: EvaluationView;
  invitations: InvitationView[];
  onInvited: (count: number) => void;
}) {
  const { evaluation, invitations, onInvited } = props;
  const { api } = useSession();
  const { t } = useTranslation();
  const [organizations, setOrganizations] = useState<OrganizationView[]>([]);
  const [questionnaireId, setQuestionnaireId] = useState(evaluation.questionnaireIds[0] ?? "");
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listOrganizations(api).then(setOrganizations, (e) => setError(describeError(e)));
  }, [api]);

  // An organisation already invited to this questionnaire (and not revoked) is not offered again.
  const available = useMemo(() => {
    const invited = new Set(
      invitations
        .filter((i) => i.questionnaireId === questionnaireId && i.status !== "revoked")
        .map((i) => i.organizationId),
    );
    return organizations.filter((o) => !invited.has(o.id));
  }, [organizations, invitations, questionnaireId]);

  if (organizations.length === 0) return null;

  async function invite() {
    setError(null);
    try {
      await createInvitations(api, evaluation.id, {
        organizationIds: selected,
        questionnaireId,
      });
      onInvited(selected.length);
      setSelected([]);
    } catch (e) {
      setError(describeError(e));
    }
  }

  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const allChosen = available.length > 0 && available.every((o) => selected.includes(o.id));

  return (
    <details className="panel" open={invitations.length === 0}>
      <summary>{t("invite.title")}</summary>
      <div className="form">
        {evaluation.questionnaireIds.length > 1 && (
          <label>
            {t("invite.questionnaire")}
            <select value={questionnaireId} onChange={(e) => setQuestionnaireId(e.target.value)}>
              {evaluation.questionnaireIds.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
        )}
        {available.length === 0 ? (
          <p className="muted">{t("invite.allInvited", { questionnaire: questionnaireId })}</p>
        ) : (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={allChosen}
                onChange={() => setSelected(allChosen ? [] : available.map((o) => o.id))}
              />
              {t("invite.selectAll", { count: available.length })}
            </label>
            <div className="choice-list">
              {available.map((o) => (
                <label key={o.id} className="check">
                  <input type="checkbox" checked={selected.includes(o.id)} onChange={() => toggle(o.id)} />
                  {o.name}{" "}
                  <span className="muted">
                    {o.region}
                    {` · ${o.email ?? t("invite.noEmail")}`}
                  </span>
                </label>
              ))}
            </div>
            <button type="button" className="primary" disabled={selected.length === 0} onClick={invite}>
              {t("invite.create", { count: selected.length })}
            </button>
          </>
        )}
        {error && <p className="error">{error}</p>}
      </div>
    </details>
  );
}
