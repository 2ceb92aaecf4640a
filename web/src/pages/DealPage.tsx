// One deal: its facts, stage history and activities, with the stage move and the
// quick log at hand.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { StageMove } from '../components/StageMove';
import { useQuickLog } from '../components/QuickLog';
import { useToast } from '../components/Toast';
import { OutcomePanel, PhaseBadge } from '../components/Outcomes';
import { NextActions } from '../components/nba/NextActions';
import { DealNotesAnalysis } from '../components/notes/NotesAnalysis';
import { ScorePanel } from '../components/ml/ScorePanel';
import { useSession } from '../session';
import { ACTIVITY_LABELS, label, pick, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate, fmtFiscalYear, fmtMoney } from '../format';
import { href, type Route } from '../router';
import { loadStages, type StageDef } from '../stages';

export default function DealPage({ route }: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const toast = useToast();
  const quickLog = useQuickLog();
  const { user } = useSession();
  const [deal, setDeal] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [stages, setStages] = useState<StageDef[]>([]);
  const [moving, setMoving] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    loadStages().then(setStages).catch(() => {});
    const on = () => setTick((x) => x + 1);
    window.addEventListener('kyoso:activity-logged', on);
    return () => window.removeEventListener('kyoso:activity-logged', on);
  }, []);
  useEffect(() => {
    api(`/api/deals/${route.parts[1]}`).then(setDeal).catch(setError);
  }, [route.parts[1], tick]);
  if (error) return <ErrorBox error={error} />;
  if (!deal) return <p aria-busy="true">{t('loading')}</p>;
  const stageName = (slug: string) => {
    const s = stages.find((x) => x.stage === slug);
    return s ? pick(prefs.lang, s.label_ja, s.label_en) : slug;
  };
  return (
    <article aria-labelledby="deal-title">
      <div class="page-head">
        <h1 id="deal-title">
          {deal.title} <PhaseBadge phase={deal.support_phase} />
        </h1>
        <div class="tools">
          <button type="button" onClick={() => setMoving(true)}>
            {t('moveDeal')}
          </button>
          <a class="button" href={href(`/handoffs?deal=${deal.id}`)}>
            {prefs.lang === 'ja' ? '引き継ぐ' : 'Hand over'}
          </a>
          <button
            type="button"
            class="primary"
            onClick={() => quickLog({ government: { code: deal.government_code, name: deal.government_name ?? deal.government_code, prefecture_name: '', kind: '' }, dealId: deal.id })}
          >
            {t('quickLog')}
          </button>
        </div>
      </div>
      <div class="grid2">
        <section class="panel" aria-labelledby="deal-facts">
          <h2 id="deal-facts">{t('profile')}</h2>
          <dl class="facts">
            <dt>{t('government')}</dt>
            <dd>
              <a href={href(`/governments/${deal.government_code}`)}>{deal.government_name ?? deal.government_code}</a>
            </dd>
            <dt>{t('product')}</dt>
            <dd>{deal.product_name ?? deal.product_id}</dd>
            <dt>{t('stage')}</dt>
            <dd>{stageName(deal.stage)}</dd>
            <dt>{t('fiscalYear')}</dt>
            <dd>{fmtFiscalYear(deal.fiscal_year, prefs)}</dd>
            <dt>{t('amount')}</dt>
            <dd>{fmtMoney(deal.amount, prefs)}</dd>
            <dt>{t('owner')}</dt>
            <dd>{deal.owner_name ?? deal.owner_id}</dd>
            <dt>{t('createdOn')}</dt>
            <dd>{fmtDate(deal.created_on, prefs)}</dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="deal-history">
          <h2 id="deal-history">{t('history')}</h2>
          <ol class="timeline">
            {deal.stage_history.map((h: any) => (
              <li key={h.id}>
                <time dateTime={h.moved_on}>{fmtDate(h.moved_on, prefs)}</time> {stageName(h.from)} → {stageName(h.to)}
                {h.note && <p>{h.note}</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <NextActions dealId={deal.id} />
      <ScorePanel kind="deal" id={deal.id} />
      <OutcomePanel
        dealId={deal.id}
        won={deal.stage === 'won'}
        canWrite={user.role === 'customer_success' || user.role === 'manager' || user.role === 'admin'}
      />
      <DealNotesAnalysis dealId={deal.id} />
      <section class="panel" aria-labelledby="deal-acts">
        <h2 id="deal-acts">{t('activities')}</h2>
        <ol class="timeline">
          {deal.activities.map((a: any) => (
            <li key={a.id}>
              <time dateTime={a.occurred_on}>{fmtDate(a.occurred_on, prefs)}</time>
              <span class="tag">{label(ACTIVITY_LABELS, a.type, prefs.lang)}</span>
              {a.notes && <p>{a.notes}</p>}
            </li>
          ))}
        </ol>
      </section>
      <StageMove
        deal={moving ? deal : null}
        target={null}
        stages={stages}
        onClose={() => setMoving(false)}
        onMoved={(m) => {
          toast(m);
          setTick((x) => x + 1);
        }}
      />
    </article>
  );
}
