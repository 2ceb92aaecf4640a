// 次の一手 (next best actions, docs/ml.md "Next best actions and similar governments"):
// ranked actions with their reason and score, with 採用 / 却下 (and an optional reason).
// A dismissed action disappears and stays hidden for that record for 14 days.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { usePrefs } from '../../prefs';
import { href } from '../../router';
import { CaseLink } from '../cases/RelatedCases';

const S = {
  title: ['次の一手', 'Next best actions'],
  none: ['いま提案する一手はありません', 'No actions to suggest right now'],
  accept: ['採用', 'Accept'],
  dismiss: ['却下', 'Dismiss'],
  reason: ['却下の理由（任意）', 'Reason for dismissing (optional)'],
  confirm: ['却下する', 'Dismiss'],
  cancel: ['取消', 'Cancel'],
  why: ['理由', 'Why'],
  score: ['スコア', 'Score'],
  accepted: ['採用しました', 'Accepted'],
  model: ['勝率モデル', 'Win model'],
} as const;
type Key = keyof typeof S;

export interface NextAction {
  key: string;
  rule: string;
  record_kind: 'deal' | 'government';
  record_id: string;
  deal_id: number | null;
  government_code: string;
  government_name: string;
  title: string;
  action: string;
  reason: string;
  score: number;
  anchor_date: string;
}

interface Answer {
  scope: string;
  items: NextAction[];
  total: number;
  model_used: boolean;
  model_note: string;
}

function useS(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => S[k][prefs.lang === 'ja' ? 0 : 1];
}

/** The actions of the signed-in user (scope "mine"), one deal or one government. */
export function NextActions({ dealId, governmentCode, limit = 8 }: { dealId?: number; governmentCode?: string; limit?: number }) {
  const s = useS();
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const path = dealId
    ? `/api/deals/${dealId}/next-actions`
    : governmentCode
      ? `/api/governments/${governmentCode}/next-actions`
      : '/api/next-actions';
  const load = () => {
    api<Answer>(path, { query: dealId || governmentCode ? {} : { limit: 20 } })
      .then(setData)
      .catch(setError);
  };
  useEffect(load, [path]);

  const send = async (a: NextAction, decision: 'accept' | 'dismiss', why: string) => {
    try {
      await api('/api/next-actions/feedback', { method: 'POST', body: { action_key: a.key, decision, reason: why } });
      setDismissing(null);
      setReason('');
      if (decision === 'accept') setDone(a.key);
      setData((d) => (d ? { ...d, items: d.items.filter((x) => x.key !== a.key || decision === 'accept') } : d));
    } catch (e) {
      setError(e);
    }
  };

  const id = `nba-${dealId ?? governmentCode ?? 'mine'}`;
  const items = data ? data.items.slice(0, limit) : [];
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{s('title')}</h2>
      <ErrorBox error={error} />
      {data === null ? (
        <p aria-busy="true">…</p>
      ) : items.length === 0 ? (
        <p class="muted">{s('none')}</p>
      ) : (
        <ol class="nba-list" aria-label={s('title')}>
          {items.map((a) => (
            <li key={a.key} data-rule={a.rule} data-key={a.key}>
              <strong>{a.action}</strong>{' '}
              <span class="tag" aria-label={`${s('score')} ${Math.round(a.score)}`}>
                {Math.round(a.score)}
              </span>{' '}
              {a.record_kind === 'deal' && a.deal_id && !dealId ? (
                <a href={href(`/deals/${a.deal_id}`)}>{a.title}</a>
              ) : a.record_kind === 'government' && !governmentCode ? (
                <a href={href(`/governments/${a.government_code}`)}>{a.government_name}</a>
              ) : null}
              <p class="muted">
                {s('why')}: {a.reason}
              </p>
              <CaseLink government={a.government_code} />
              {done === a.key ? (
                <span role="status">{s('accepted')}</span>
              ) : dismissing === a.key ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void send(a, 'dismiss', reason);
                  }}
                >
                  <label>
                    {s('reason')}
                    <input value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
                  </label>{' '}
                  <button type="submit">{s('confirm')}</button>{' '}
                  <button type="button" onClick={() => setDismissing(null)}>
                    {s('cancel')}
                  </button>
                </form>
              ) : (
                <span>
                  <button type="button" onClick={() => void send(a, 'accept', '')} aria-label={`${s('accept')}: ${a.action}`}>
                    {s('accept')}
                  </button>{' '}
                  <button type="button" onClick={() => setDismissing(a.key)} aria-label={`${s('dismiss')}: ${a.action}`}>
                    {s('dismiss')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {data && !data.model_used && data.model_note && (
        <p class="muted small">
          {s('model')}: {data.model_note}
        </p>
      )}
    </section>
  );
}
