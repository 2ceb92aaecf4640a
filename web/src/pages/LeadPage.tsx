// One lead: its facts and the "シーケンスに登録" action.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { EnrolAction } from '../components/EnrolAction';
import { LEAD_STATUS_LABELS, label, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href, type Route } from '../router';

interface Lead {
  id: number;
  title: string;
  government_code: string;
  status: string;
  source: string;
  created_on: string;
  notes: string;
}

export default function LeadPage({ route }: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [lead, setLead] = useState<Lead | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setLead(null);
    api<Lead>(`/api/leads/${route.parts[1]}`).then(setLead).catch(setError);
  }, [route.parts[1]]);
  if (error) return <ErrorBox error={error} />;
  if (!lead) return <p aria-busy="true">{t('loading')}</p>;
  return (
    <article aria-labelledby="lead-title">
      <div class="page-head">
        <h1 id="lead-title">{lead.title || `#${lead.id}`}</h1>
        <a href={href(`/governments/${lead.government_code}`)}>
          {t('government')} {lead.government_code}
        </a>
      </div>
      <section class="panel">
        <dl class="facts">
          <dt>{t('status')}</dt>
          <dd>{label(LEAD_STATUS_LABELS, lead.status, prefs.lang)}</dd>
          <dt>{t('source')}</dt>
          <dd>{lead.source}</dd>
          <dt>{t('createdOn')}</dt>
          <dd>{fmtDate(lead.created_on, prefs)}</dd>
        </dl>
        {lead.notes && <p>{lead.notes}</p>}
      </section>
      <EnrolAction target="lead" id={lead.id} />
    </article>
  );
}
