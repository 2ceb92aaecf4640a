// 期限: the budget-cycle deadlines of my open deals and my team's, grouped by week,
// with business days left (red under 10), missed deals with their next chance, and
// the private calendar-feed URL (create / copy / revoke).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href, type Route } from '../router';
import { useSession } from '../session';

interface Row {
  deal_id: number;
  title: string;
  government_code: string;
  government_name: string;
  owner_name: string;
  deadline: {
    milestone: { slug: string; label: string; label_en: string; date: string };
    business_days_left: number;
    missed: boolean;
    next_chance: { label: string; label_en: string; date: string; target_fiscal_year: number } | null;
    action_date: string;
    text: string;
    text_en: string;
  };
}

interface Feed {
  id: number;
  scope: string;
  team: string | null;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  url?: string;
}

/** Monday of the ISO week of `iso` (YYYY-MM-DD). */
function weekOf(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  const shift = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - shift * 86400000).toISOString().slice(0, 10);
}

function DeadlineTable({ rows }: { rows: Row[] }) {
  const t = useT();
  const { prefs } = usePrefs();
  const weeks = new Map<string, Row[]>();
  for (const r of rows) {
    const w = weekOf(r.deadline.action_date);
    weeks.set(w, [...(weeks.get(w) ?? []), r]);
  }
  if (!rows.length) return <p class="muted">{t('noDeadlines')}</p>;
  return (
    <>
      {[...weeks.entries()].map(([week, items]) => (
        <section key={week} aria-label={`${t('weekOf')} ${fmtDate(week, prefs)}`}>
          <h3>{t('weekOf')} {fmtDate(week, prefs)}</h3>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('deal')}</th>
                <th scope="col">{t('government')}</th>
                <th scope="col">{t('owner')}</th>
                <th scope="col">{t('deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const d = r.deadline;
                const urgent = !d.missed && d.business_days_left < 10;
                return (
                  <tr key={r.deal_id} class={d.missed ? 'missed' : ''}>
                    <td>{fmtDate(d.action_date, prefs)}</td>
                    <td><a href={href(`/deals/${r.deal_id}`)}>{r.title}</a></td>
                    <td><a href={href(`/governments/${r.government_code}`)}>{r.government_name}</a></td>
                    <td>{r.owner_name}</td>
                    <td>
                      <span class={urgent ? 'badge danger' : d.missed ? 'badge warn' : 'badge'} style={urgent ? 'color:#b00020' : undefined}>
                        {prefs.lang === 'ja' ? d.text : d.text_en}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function FeedPanel() {
  const t = useT();
  const { user } = useSession();
  const [feeds, setFeeds] = useState<Feed[] | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<{ items: Feed[] }>('/api/calendar-feeds').then((r) => setFeeds(r.items)).catch(setError);
  useEffect(() => { load(); }, []);
  const create = async (scope: 'user' | 'team') => {
    try {
      const f = await api<Feed>('/api/calendar-feeds', { method: 'POST', body: scope === 'team' ? { scope, team: user.team } : { scope } });
      setCreated(new URL(f.url ?? '', window.location.origin).toString());
      load();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (id: number) => {
    try {
      await api(`/api/calendar-feeds/${id}`, { method: 'DELETE' });
      load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="panel" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('calendarFeed')}</h2>
      <p class="muted">{t('calendarFeedHint')}</p>
      <ErrorBox error={error} />
      <button type="button" onClick={() => create('user')}>{t('createMyFeed')}</button>{' '}
      {user.team && <button type="button" onClick={() => create('team')}>{t('createTeamFeed')}</button>}
      {created && (
        <p>
          <label for="feed-url">{t('feedUrl')}</label>
          <input id="feed-url" readOnly value={created} size={60} />
          <button type="button" onClick={() => navigator.clipboard?.writeText(created)}>{t('copy')}</button>
        </p>
      )}
      {feeds && feeds.length > 0 && (
        <ul aria-label={t('calendarFeed')}>
          {feeds.map((f) => (
            <li key={f.id}>
              {f.prefix}… {f.scope === 'team' ? `${t('team')}: ${f.team}` : t('myDeadlines')}
              {f.revoked_at ? ` (${t('revoked')})` : (
                <button type="button" onClick={() => revoke(f.id)} aria-label={`${t('revoke')} ${f.prefix}`}>{t('revoke')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Deadlines(_: { route: Route }) {
  const t = useT();
  const { user } = useSession();
  const [mine, setMine] = useState<Row[] | null>(null);
  const [team, setTeam] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ items: Row[] }>('/api/deadlines', { query: { owner: 'me', horizon_days: 180 } }).then((r) => setMine(r.items)).catch(setError);
    if (user.team) {
      api<{ items: Row[] }>('/api/deadlines', { query: { team: user.team, horizon_days: 180 } }).then((r) => setTeam(r.items)).catch(setError);
    }
  }, [user.user_id]);
  return (
    <section aria-labelledby="deadlines-title">
      <div class="page-head">
        <h1 id="deadlines-title">{t('deadlines')}</h1>
      </div>
      <ErrorBox error={error} />
      <section class="panel" aria-labelledby="my-deadlines">
        <h2 id="my-deadlines">{t('myDeadlines')}</h2>
        {mine === null ? <p>{t('loading')}</p> : <DeadlineTable rows={mine} />}
      </section>
      {user.team && (
        <section class="panel" aria-labelledby="team-deadlines">
          <h2 id="team-deadlines">{t('teamDeadlines')}（{user.team}）</h2>
          {team === null ? <p>{t('loading')}</p> : <DeadlineTable rows={team} />}
        </section>
      )}
      <FeedPanel />
    </section>
  );
}
