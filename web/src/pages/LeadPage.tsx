// One lead: its fields and the assignment history with the reason of each
// assignment (routed, re-routed, manual; docs/division-of-labour.md), and the
// "シーケンスに登録" action (cadences).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { EnrolAction } from '../components/EnrolAction';
import { fmtDate } from '../format';
import { LEAD_STATUS_LABELS, label, pick } from '../i18n';
import { loadPeople, type Person } from '../people';
import { usePrefs } from '../prefs';
import { ScorePanel } from '../components/ml/ScorePanel';
import { href, type Route } from '../router';
import { ASSIGNMENT_LABELS, SOURCE_LABELS, type Assignment } from '../routing';

interface Lead {
  id: number;
  title: string;
  source: string;
  status: string;
  government_code: string;
  owner_id: number | null;
  created_on: string;
  notes: string;
}

export default function LeadPage({ route }: { route: Route }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const L = (ja: string, en: string) => pick(lang, ja, en);
  const [lead, setLead] = useState<Lead | null>(null);
  const [history, setHistory] = useState<Assignment[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const id = route.parts[1];
  useEffect(() => {
    setLead(null);
    api<Lead>(`/api/leads/${id}`).then(setLead).catch(setError);
    api<{ items: Assignment[] }>(`/api/leads/${id}/assignments`)
      .then((r) => setHistory(r.items))
      .catch(setError);
    loadPeople().then(setPeople).catch(() => undefined);
  }, [id]);
  if (!lead) return <ErrorBox error={error} />;
  const owner = lead.owner_id ? people.find((p) => p.id === lead.owner_id)?.name ?? `#${lead.owner_id}` : L('未割当', 'Unassigned');
  return (
    <article aria-labelledby="lead-title">
      <h1 id="lead-title">{lead.title || `#${lead.id}`}</h1>
      <ErrorBox error={error} />
      <dl class="facts">
        <dt>{L('状態', 'Status')}</dt>
        <dd>{label(LEAD_STATUS_LABELS, lead.status, lang)}</dd>
        <dt>{L('発生源', 'Source')}</dt>
        <dd>{label(SOURCE_LABELS, lead.source, lang)}</dd>
        <dt>{L('自治体', 'Government')}</dt>
        <dd>
          <a href={href(`/governments/${lead.government_code}`)}>{lead.government_code}</a>
        </dd>
        <dt>{L('担当者', 'Owner')}</dt>
        <dd>{owner}</dd>
        <dt>{L('作成日', 'Created')}</dt>
        <dd>{fmtDate(lead.created_on, prefs)}</dd>
      </dl>
      {lead.notes && <p>{lead.notes}</p>}
      <ScorePanel kind="lead" id={lead.id} />
      <section class="panel" aria-labelledby="lead-assignments">
        <h2 id="lead-assignments">{L('割当履歴', 'Assignment history')}</h2>
        {history.length === 0 ? (
          <p class="muted">{L('記録なし', 'None recorded')}</p>
        ) : (
          <ol aria-label={L('割当履歴', 'Assignment history')}>
            {history.map((a) => (
              <li key={a.id}>
                {fmtDate(a.assigned_on, prefs)} {label(ASSIGNMENT_LABELS, a.kind, lang)}: {a.user_name || L('未割当', 'Unassigned')}
                {a.previous_user_name && `（${L('前任', 'from')} ${a.previous_user_name}）`} — {a.reason}
              </li>
            ))}
          </ol>
        )}
      </section>
      <EnrolAction target="lead" id={lead.id} />
    </article>
  );
}
