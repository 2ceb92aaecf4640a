// One official: contact details, the posting timeline (人事異動, newest first),
// predecessors and successors.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { EnrolAction } from '../components/EnrolAction';
import { useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href, type Route } from '../router';

interface Succession {
  official_id: number;
  name: string;
  effective_on: string;
}
interface OfficialDetail {
  id: number;
  government_code: string;
  name: string;
  kana: string;
  department: string;
  title: string;
  email: string;
  phone: string;
  do_not_contact: boolean;
  active: boolean;
  postings: { id: number; department: string; title: string; from: string; to: string | null }[];
  predecessors: Succession[];
  successors: Succession[];
}

export default function OfficialPage({ route }: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [o, setO] = useState<OfficialDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setO(null);
    api<OfficialDetail>(`/api/officials/${route.parts[1]}`).then(setO).catch(setError);
  }, [route.parts[1]]);
  if (error) return <ErrorBox error={error} />;
  if (!o) return <p aria-busy="true">{t('loading')}</p>;
  const people = (list: Succession[]) =>
    list.length ? (
      <ul class="plain">
        {list.map((s) => (
          <li key={s.official_id}>
            <a href={href(`/officials/${s.official_id}`)}>{s.name}</a> <span class="muted">{fmtDate(s.effective_on, prefs)}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted">—</p>
    );
  return (
    <article aria-labelledby="official-title">
      <div class="page-head">
        <h1 id="official-title">
          {o.name} <small class="muted">{o.kana}</small>
        </h1>
        <a href={href(`/governments/${o.government_code}`)}>{t('government')} {o.government_code}</a>
      </div>
      <div class="grid2">
        <section class="panel" aria-labelledby="official-profile">
          <h2 id="official-profile">{t('profile')}</h2>
          <dl class="facts">
            <dt>{t('department')}</dt>
            <dd>{o.department}</dd>
            <dt>{t('position')}</dt>
            <dd>{o.title}</dd>
            <dt>{t('email')}</dt>
            <dd>{o.email || '—'}</dd>
            <dt>{t('phone')}</dt>
            <dd>{o.phone || '—'}</dd>
            <dt>{t('doNotContact')}</dt>
            <dd>{o.do_not_contact ? '✔' : '—'}</dd>
          </dl>
          <h3>{t('predecessors')}</h3>
          {people(o.predecessors)}
          <h3>{t('successors')}</h3>
          {people(o.successors)}
        </section>
        <section class="panel" aria-labelledby="official-postings">
          <h2 id="official-postings">{t('postings')}</h2>
          <ol class="timeline">
            {o.postings.map((p) => (
              <li key={p.id}>
                <time dateTime={p.from}>{fmtDate(p.from, prefs)}</time> – {p.to ? fmtDate(p.to, prefs) : prefs.lang === 'ja' ? '現在' : 'now'}
                <p>
                  {p.department} {p.title}
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {!o.do_not_contact && <EnrolAction target="official" id={o.id} />}
    </article>
  );
}
