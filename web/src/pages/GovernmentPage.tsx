// The government 360° page: profile and fiscal indices, this fiscal year's budget
// calendar with the next deadline, the department tree, officials, deals, the
// activity timeline, the compliance contact log, the council signals (議会の兆し), the
// competitors' award results (競合・落札実績) and this government's recent tender notices.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { GovernmentOutcomes, GovernmentPhases } from '../components/Outcomes';
import { NbaGovernmentPanels } from '../components/nba/NbaGovernmentPanels';
import { CasesGovernmentPanels } from '../components/cases/CasesGovernmentPanels';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { SignalList } from '../components/SignalList';
import { useQuickLog } from '../components/QuickLog';
import { ACTIVITY_LABELS, KIND_LABELS, label, pick, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtCount, fmtDate, fmtFiscalYear, fmtMoney, todayJst } from '../format';
import { href, type Route } from '../router';
import { useSession } from '../session';
import { ScorePanel } from '../components/ml/ScorePanel';

interface Milestone {
  kind: string;
  label: string;
  label_en: string;
  start: string;
  end: string;
  overridden: boolean;
}
interface Gov {
  code: string;
  name: string;
  kana: string;
  kind: string;
  parent_code: string | null;
  prefecture_code: string;
  prefecture_name: string;
  population: number | null;
  fiscal_strength_index: number | null;
  population_band: string | null;
  similar_group: string | null;
  fiscal_calendar: {
    fiscal_year: number;
    milestones: Milestone[];
    next: Milestone | null;
    business_days_to_next: number | null;
    today: string;
  };
}
interface Competitor {
  winner: string;
  awards: number;
  total_amount: number;
  last_awarded_on: string | null;
  last_title: string;
}
interface NoticeBrief {
  id: number;
  title: string;
  issued_on: string | null;
  due_on: string | null;
  award_winner: string | null;
}
interface Dept {
  id: number;
  name: string;
  level_label: string;
  children: Dept[];
}

function useJson<T>(path: string | null, deps: unknown[] = []): [T | null, unknown] {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setData(null);
    api<T>(path)
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [path, ...deps]);
  return [data, error];
}

function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Tree({ nodes }: { nodes: Dept[] }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <span>
            {n.name} <small class="muted">{n.level_label}</small>
          </span>
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

/** Managers' and administrators' editor of this government's milestone dates. */
function OverrideEditor({ code, milestones, onSaved }: { code: string; milestones: Milestone[]; onSaved: () => void }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [milestone, setMilestone] = useState(milestones[0]?.kind ?? 'budget_request_deadline');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/governments/${code}/milestone-overrides/${milestone}`, { method: 'PUT', body: end ? { start, end } : { start } });
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={save} aria-label={t('milestoneOverrides')}>
      <h3>{t('milestoneOverrides')}</h3>
      <ErrorBox error={error} />
      <label for="ov-milestone">{t('milestone')}</label>
      <select id="ov-milestone" value={milestone} onChange={(e) => setMilestone((e.target as HTMLSelectElement).value)}>
        {milestones.map((m) => (
          <option key={m.kind} value={m.kind}>{pick(prefs.lang, m.label, m.label_en)}</option>
        ))}
      </select>
      <label for="ov-start">{t('startMd')}</label>
      <input id="ov-start" required pattern="[0-9]{2}-[0-9]{2}" placeholder="11-10" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} />
      <label for="ov-end">{t('endMd')}</label>
      <input id="ov-end" pattern="[0-9]{2}-[0-9]{2}" placeholder="11-10" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} />
      <button type="submit">{t('saveOverride')}</button>
    </form>
  );
}

export default function GovernmentPage({ route }: { route: Route }) {
  const code = route.parts[1];
  const t = useT();
  const { prefs } = usePrefs();
  const quickLog = useQuickLog();
  const [tick, setTick] = useState(0);
  const { user } = useSession();
  const [govTick, setGovTick] = useState(0);
  const [gov, govError] = useJson<Gov>(`/api/governments/${code}`, [govTick]);
  const [depts] = useJson<{ items: Dept[] }>(`/api/governments/${code}/departments?view=tree`);
  const [officials] = useJson<{ items: any[]; total?: number }>(`/api/officials?government=${code}&limit=200`);
  const [deals] = useJson<{ items: any[]; total: number }>(`/api/deals?government=${code}&limit=100&sort=fiscal_year&order=desc`, [tick]);
  const [acts] = useJson<{ items: any[]; total: number }>(`/api/activities?government=${code}&limit=50`, [tick]);
  const yearAgo = new Date(Date.now() - 365 * 86400 * 1000).toISOString().slice(0, 10);
  const [contacts] = useJson<{ items: any[] }>(`/api/contact-log?government=${code}&from=${yearAgo}&limit=100`, [tick]);
  const [competitors] = useJson<{ items: Competitor[] }>(`/api/competitors?government=${code}`);
  const [notices] = useJson<{ items: NoticeBrief[]; total: number }>(`/api/notices?government=${code}&limit=5`);

  useEffect(() => {
    const on = () => setTick((x) => x + 1);
    window.addEventListener('kyoso:activity-logged', on);
    return () => window.removeEventListener('kyoso:activity-logged', on);
  }, []);

  if (govError) return <ErrorBox error={govError} />;
  if (!gov) return <p aria-busy="true">{t('loading')}</p>;
  const cal = gov.fiscal_calendar;
  const today = todayJst();
  return (
    <article class="gov360" aria-labelledby="gov-title">
      <div class="page-head">
        <h1 id="gov-title">
          {gov.name} <small class="muted">{gov.kana}</small> <GovernmentPhases code={gov.code} />
        </h1>
        <button type="button" class="primary" onClick={() => quickLog({ government: { code: gov.code, name: gov.name, prefecture_name: gov.prefecture_name, kind: gov.kind } })}>
          {t('quickLog')}
        </button>
      </div>
      <div class="grid2">
        <Panel id="gov-profile" title={t('profile')}>
          <dl class="facts">
            <dt>{t('code')}</dt>
            <dd>{gov.code}</dd>
            <dt>{t('kind')}</dt>
            <dd>{label(KIND_LABELS, gov.kind, prefs.lang)}</dd>
            <dt>{t('prefecture')}</dt>
            <dd>{gov.parent_code ? <a href={href(`/governments/${gov.parent_code}`)}>{gov.prefecture_name}</a> : gov.prefecture_name}</dd>
            <dt>{t('population')}</dt>
            <dd>{fmtCount(gov.population)}</dd>
            <dt>{t('fiscalStrength')}</dt>
            <dd>{gov.fiscal_strength_index ?? '—'}</dd>
            <dt>{t('populationBand')}</dt>
            <dd>{gov.population_band ?? '—'}</dd>
            <dt>{t('similarGroup')}</dt>
            <dd>{gov.similar_group ?? '—'}</dd>
          </dl>
        </Panel>
        <ScorePanel kind="government" id={code} />
        <Panel id="gov-calendar" title={`${t('calendar')}（${fmtFiscalYear(cal.fiscal_year, prefs)}）`}>
          {cal.next && (
            <p class="deadline">
              <strong>{t('nextDeadline')}:</strong> {pick(prefs.lang, cal.next.label, cal.next.label_en)} {fmtDate(cal.next.end, prefs)}
              {cal.business_days_to_next !== null && (
                <span class="badge">
                  {prefs.lang === 'ja' ? `あと${cal.business_days_to_next}営業日` : `${cal.business_days_to_next} business days left`}
                </span>
              )}
            </p>
          )}
          <ol class="milestones">
            {cal.milestones.map((m) => (
              <li key={m.kind + m.start} class={m.end < today ? 'past' : m.start <= today ? 'now' : ''}>
                <span>{pick(prefs.lang, m.label, m.label_en)}</span>
                <span class="muted">
                  {fmtDate(m.start, prefs)} – {fmtDate(m.end, prefs)}
                  {m.overridden ? ' *' : ''}
                </span>
              </li>
            ))}
          </ol>
          {(user.role === 'manager' || user.role === 'admin') && (
            <OverrideEditor code={gov.code} milestones={cal.milestones} onSaved={() => setGovTick((x) => x + 1)} />
          )}
        </Panel>
      </div>
      <GovernmentOutcomes code={gov.code} />
      <NbaGovernmentPanels code={gov.code} />
      <CasesGovernmentPanels code={gov.code} />
      <div class="grid2">
        <Panel id="gov-depts" title={t('departments')}>
          {depts ? depts.items.length ? <Tree nodes={depts.items} /> : <p class="muted">—</p> : <p>{t('loading')}</p>}
        </Panel>
        <Panel id="gov-officials" title={`${t('officials')}（${fmtCount(officials?.items.length ?? 0)}）`}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('official')}</th>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('position')}</th>
                <th scope="col">{t('postedFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {officials?.items.map((o) => (
                <tr key={o.id} class={o.active ? '' : 'inactive'}>
                  <td>
                    <a href={href(`/officials/${o.id}`)}>{o.name}</a>
                    {o.do_not_contact && <span class="badge warn">{t('doNotContact')}</span>}
                  </td>
                  <td>{o.department}</td>
                  <td>{o.title}</td>
                  <td>{fmtDate(o.posted_from, prefs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
      <Panel id="gov-signals" title={t('councilSignals')}>
        <SignalList query={{ government: gov.code }} />
      </Panel>
      <div class="grid2">
        <Panel id="gov-competitors" title={t('competitors')}>
          {!competitors ? (
            <p>{t('loading')}</p>
          ) : competitors.items.length === 0 ? (
            <p class="muted">—</p>
          ) : (
            <table class="table" aria-label={t('competitorTable')}>
              <thead>
                <tr>
                  <th scope="col">{t('competitorWinner')}</th>
                  <th scope="col" class="num">{t('competitorAwards')}</th>
                  <th scope="col" class="num">{t('competitorTotal')}</th>
                  <th scope="col">{t('competitorLast')}</th>
                </tr>
              </thead>
              <tbody>
                {competitors.items.map((c) => (
                  <tr key={c.winner}>
                    <td>{c.winner}</td>
                    <td class="num">{fmtCount(c.awards)}</td>
                    <td class="num">{fmtMoney(c.total_amount, prefs)}</td>
                    <td>
                      {fmtDate(c.last_awarded_on, prefs)}
                      {c.last_title && <div class="muted competitor-title">{c.last_title}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel id="gov-notices" title={t('govNotices')}>
          {!notices ? (
            <p>{t('loading')}</p>
          ) : notices.items.length === 0 ? (
            <p class="muted">—</p>
          ) : (
            <>
              <ul class="gov-notices" aria-label={t('govNotices')}>
                {notices.items.map((n) => (
                  <li key={n.id}>
                    <time dateTime={n.issued_on ?? undefined}>{fmtDate(n.issued_on, prefs)}</time> <span>{n.title}</span>
                    {n.award_winner && (
                      <small class="muted">
                        {' '}
                        {t('noticeAward')}: {n.award_winner}
                      </small>
                    )}
                  </li>
                ))}
              </ul>
              <a href={href(`/notices?government=${code}`)}>
                {t('govNoticesAll')}（{fmtCount(notices.total)}）
              </a>
            </>
          )}
        </Panel>
      </div>
      <Panel id="gov-deals" title={`${t('deals')}（${fmtCount(deals?.total ?? 0)}）`}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('fiscalYear')}</th>
              <th scope="col">{t('stage')}</th>
              <th scope="col" class="num">{t('amount')}</th>
              <th scope="col">{t('owner')}</th>
            </tr>
          </thead>
          <tbody>
            {deals?.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={href(`/deals/${d.id}`)}>{d.title}</a>
                </td>
                <td>{fmtFiscalYear(d.fiscal_year, prefs)}</td>
                <td>{d.stage_label}</td>
                <td class="num">{fmtMoney(d.amount, prefs)}</td>
                <td>{d.owner_name ?? d.owner_id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <div class="grid2">
        <Panel id="gov-timeline" title={t('timeline')}>
          <ol class="timeline">
            {acts?.items.map((a) => (
              <li key={a.id}>
                <time dateTime={a.occurred_on}>{fmtDate(a.occurred_on, prefs)}</time>
                <span class="tag">{label(ACTIVITY_LABELS, a.type, prefs.lang)}</span>
                <span>{a.user_name}</span>
                {a.deal_id && <a href={href(`/deals/${a.deal_id}`)}>{a.deal_title ?? `#${a.deal_id}`}</a>}
                {a.notes && <p>{a.notes}</p>}
              </li>
            ))}
          </ol>
          {acts && acts.total > acts.items.length && (
            <a href={href(`/activities?government=${code}`)}>
              {t('more')}（{fmtCount(acts.total)}）
            </a>
          )}
        </Panel>
        <Panel id="gov-contacts" title={t('contactLog')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('official')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('user')}</th>
              </tr>
            </thead>
            <tbody>
              {contacts?.items
                .slice()
                .reverse()
                .slice(0, 30)
                .map((c) => (
                  <tr key={c.id}>
                    <td>{fmtDate(c.occurred_on, prefs)}</td>
                    <td>
                      {c.official_name} <small class="muted">{c.department}</small>
                    </td>
                    <td>{c.channel_label}</td>
                    <td>{c.user_name}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </article>
  );
}
