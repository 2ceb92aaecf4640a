// The start page: the user's own open deals and latest activities, by role.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useQuickLog } from '../components/QuickLog';
import { ACTIVITY_LABELS, label, ROLE_LABELS, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate, fmtFiscalYear, fmtMoney } from '../format';
import { href, type Route } from '../router';
import { useSession } from '../session';
import { TodayTasks } from '../components/TodayTasks';
import { NextActions } from '../components/nba/NextActions';

export default function Home(_: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const quickLog = useQuickLog();
  const [deals, setDeals] = useState<any[] | null>(null);
  const [acts, setActs] = useState<any[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [alerts, setAlerts] = useState<any[]>([]);
  useEffect(() => {
    api<{ items: any[] }>('/api/alerts', { query: { unread: true, limit: 10 } })
      .then((r) => setAlerts(r.items))
      .catch(() => setAlerts([]));
  }, [user.user_id]);
  useEffect(() => {
    api<{ items: any[] }>('/api/deals', { query: { owner: user.user_id, status: 'open', sort: 'amount', order: 'desc', limit: 20 } })
      .then((r) => setDeals(r.items))
      .catch(setError);
    api<{ items: any[] }>('/api/activities', { query: { user: user.user_id, limit: 15 } })
      .then((r) => setActs(r.items))
      .catch(setError);
  }, [user.user_id]);
  return (
    <section aria-labelledby="home-title">
      <div class="page-head">
        <h1 id="home-title">
          {t('welcome')}{prefs.lang === 'ja' ? '、' : ', '}{user.name}
          <small class="muted"> {label(ROLE_LABELS, user.role, prefs.lang)} · {user.team}</small>
        </h1>
        <button type="button" class="primary" onClick={() => quickLog()}>
          {t('quickLog')} <kbd>L</kbd>
        </button>
      </div>
      {alerts.length > 0 && (
        <section aria-labelledby="home-notices">
          <h2 id="home-notices">{t('newNotices')}</h2>
          <ul>
            {alerts.map((a) => (
              <li key={a.id}>
                <a href={href('/notices')}>{a.notice_title}</a> ・ {a.government_name} ・ {a.product_name}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ErrorBox error={error} />
      <NextActions />
      <TodayTasks />
      {(user.role === 'manager' || user.role === 'admin') && (
        <p>
          <a href={href('/kpis')}>{t('kpiOpen')}</a>
        </p>
      )}
      <div class="grid2">
        <section class="panel" aria-labelledby="home-deals">
          <h2 id="home-deals">{t('myDeals')}</h2>
          {deals === null ? (
            <p>{t('loading')}</p>
          ) : deals.length === 0 ? (
            <p class="muted">—</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('title')}</th>
                  <th scope="col">{t('government')}</th>
                  <th scope="col">{t('stage')}</th>
                  <th scope="col">{t('fiscalYear')}</th>
                  <th scope="col" class="num">{t('amount')}</th>
                </tr>
              </thead>
              <tbody>
                {deals.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={href(`/deals/${d.id}`)}>{d.title}</a>
                    </td>
                    <td>
                      <a href={href(`/governments/${d.government_code}`)}>{d.government_name}</a>
                    </td>
                    <td>{d.stage_label}</td>
                    <td>{fmtFiscalYear(d.fiscal_year, prefs)}</td>
                    <td class="num">{fmtMoney(d.amount, prefs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="panel" aria-labelledby="home-acts">
          <h2 id="home-acts">{t('recentActivities')}</h2>
          <ol class="timeline">
            {(acts ?? []).map((a) => (
              <li key={a.id}>
                <time dateTime={a.occurred_on}>{fmtDate(a.occurred_on, prefs)}</time>
                <span class="tag">{label(ACTIVITY_LABELS, a.type, prefs.lang)}</span>
                <a href={href(`/governments/${a.government_code}`)}>{a.government_name ?? a.government_code}</a>
                {a.notes && <p>{a.notes}</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}
