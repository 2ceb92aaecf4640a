// メモ分析 (docs/ml.md, "Note analysis and the optional LLM"): budget cues with their
// polarity, next steps with resolved dates, keywords (MeCab) and policy-domain tags of a
// note or of all of a deal's activities; 要約 and フォローメール下書き only when an
// administrator has configured an LLM endpoint (GET /api/notes/status).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { usePrefs } from '../../prefs';
import { fmtDate } from '../../format';

export interface DateRange {
  text: string;
  kind: string;
  from: string;
  to: string;
  open_end: boolean;
}
export interface NextStep {
  sentence: string;
  markers: string[];
  dates: DateRange[];
  due_from: string | null;
  due_to: string | null;
  activity_id?: number;
  occurred_on?: string;
  upcoming?: boolean;
}
export interface BudgetCue {
  phrase: string;
  category: string;
  polarity: 'positive' | 'negative' | 'supplementary' | 'neutral';
  label: string;
  sentence: string;
  activity_id?: number;
  occurred_on?: string;
}
export interface Analysis {
  budget_signal: string;
  budget_cues: BudgetCue[];
  next_steps: NextStep[];
  keywords: { term: string; count: number; score: number }[];
  tags: { tag: string; keywords: string[]; hits: number }[];
  tokenizer: boolean;
  dates?: DateRange[];
}
interface NotesStatus {
  llm: { configured: boolean; model: string | null };
}

type Lang = 'ja' | 'en';
const TEXT: Record<string, [string, string]> = {
  title: ['メモ分析', 'Note analysis'],
  budget: ['予算シグナル', 'Budget signals'],
  nextSteps: ['次のステップ', 'Next steps'],
  keywords: ['キーワード', 'Keywords'],
  tags: ['政策分野タグ', 'Policy domains'],
  none: ['なし', 'None'],
  noKeywords: ['（MeCab 辞書がないためキーワードなし）', '(no MeCab dictionary: no keywords)'],
  summarize: ['要約', 'Summarise'],
  draftMail: ['フォローメール下書き', 'Draft follow-up mail'],
  llmResult: ['LLM の出力', 'LLM output'],
  working: ['生成中…', 'Working…'],
  noDate: ['期日なし', 'no date'],
  overall: ['総合', 'Overall'],
  loading: ['読み込み中…', 'Loading…'],
};
export const tx = (lang: Lang, key: string) => (TEXT[key] ? TEXT[key][lang === 'ja' ? 0 : 1] : key);

// Colours: .badge.polarity-* in style.css (the CSP allows no inline styles).
const POLARITY: Record<string, [string, string]> = {
  positive: ['前向き', 'Positive'],
  negative: ['否定的', 'Negative'],
  supplementary: ['補正予算', 'Supplementary budget'],
  neutral: ['中立', 'Neutral'],
  none: ['シグナルなし', 'No signal'],
};

export function PolarityBadge({ polarity, lang }: { polarity: string; lang: Lang }) {
  const p = POLARITY[polarity] ?? POLARITY.neutral;
  return (
    <span class={`badge polarity-${polarity}`} data-polarity={polarity}>
      {lang === 'ja' ? p[0] : p[1]}
    </span>
  );
}

function Range({ from, to, open }: { from: string | null; to: string | null; open?: boolean }) {
  const { prefs } = usePrefs();
  if (!from) return <span class="muted">{tx(prefs.lang, 'noDate')}</span>;
  return (
    <span class="date-range">
      <time dateTime={from}>{fmtDate(from, prefs)}</time>
      {to && to !== from && (
        <>
          {'〜'}
          {!open && <time dateTime={to}>{fmtDate(to, prefs)}</time>}
        </>
      )}
    </span>
  );
}

/** The four sections of an analysis. */
export function AnalysisView({ analysis }: { analysis: Analysis }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  return (
    <div class="notes-analysis">
      <section aria-labelledby="na-budget">
        <h3 id="na-budget">
          {tx(lang, 'budget')} <PolarityBadge polarity={analysis.budget_signal} lang={lang} />
        </h3>
        {analysis.budget_cues.length === 0 ? (
          <p class="muted">{tx(lang, 'none')}</p>
        ) : (
          <ul aria-label={tx(lang, 'budget')}>
            {analysis.budget_cues.map((c, i) => (
              <li key={i}>
                <PolarityBadge polarity={c.polarity} lang={lang} /> <strong>{c.phrase}</strong>{' '}
                <span class="muted">{c.label}</span>
                {c.occurred_on && (
                  <>
                    {' '}
                    <time dateTime={c.occurred_on}>{fmtDate(c.occurred_on, prefs)}</time>
                  </>
                )}
                <div class="muted">{c.sentence}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="na-steps">
        <h3 id="na-steps">{tx(lang, 'nextSteps')}</h3>
        {analysis.next_steps.length === 0 ? (
          <p class="muted">{tx(lang, 'none')}</p>
        ) : (
          <ul aria-label={tx(lang, 'nextSteps')}>
            {analysis.next_steps.map((s, i) => (
              <li key={i} class={s.upcoming === false ? 'muted' : undefined}>
                <Range from={s.due_from} to={s.due_to} /> {s.sentence}
                {s.dates.length > 0 && (
                  <span class="muted"> （{s.dates.map((d) => d.text).join('、')}）</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="na-keywords">
        <h3 id="na-keywords">{tx(lang, 'keywords')}</h3>
        {!analysis.tokenizer ? (
          <p class="muted">{tx(lang, 'noKeywords')}</p>
        ) : analysis.keywords.length === 0 ? (
          <p class="muted">{tx(lang, 'none')}</p>
        ) : (
          <ul class="tags" aria-label={tx(lang, 'keywords')}>
            {analysis.keywords.map((k) => (
              <li key={k.term} class="tag" title={`${k.count}`}>
                {k.term}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="na-tags">
        <h3 id="na-tags">{tx(lang, 'tags')}</h3>
        {analysis.tags.length === 0 ? (
          <p class="muted">{tx(lang, 'none')}</p>
        ) : (
          <ul class="tags" aria-label={tx(lang, 'tags')}>
            {analysis.tags.map((t) => (
              <li key={t.tag} class="tag" title={t.keywords.join('、')}>
                {t.tag}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** 要約 / フォローメール下書き buttons, shown only when the LLM is configured. */
export function LlmActions({ dealId, text }: { dealId?: number; text?: string }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const [status, setStatus] = useState<NotesStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [output, setOutput] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<NotesStatus>('/api/notes/status').then(setStatus).catch(() => setStatus(null));
  }, []);
  if (!status?.llm.configured) return null;
  async function run(path: string, field: 'summary' | 'draft') {
    setBusy(true);
    setError(null);
    try {
      const body = dealId ? { deal_id: dealId } : { text };
      const r = await api<Record<string, string>>(path, { method: 'POST', body });
      setOutput(r[field]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="llm-actions">
      <button type="button" disabled={busy} onClick={() => run('/api/notes/summarize', 'summary')}>
        {tx(lang, 'summarize')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => run('/api/notes/draft-mail', 'draft')}>
        {tx(lang, 'draftMail')}
      </button>
      {busy && <span aria-busy="true"> {tx(lang, 'working')}</span>}
      {error ? <ErrorBox error={error} /> : null}
      {output !== null && (
        <label class="llm-output">
          {tx(lang, 'llmResult')}（{status.llm.model}）
          <textarea readOnly rows={10} value={output} />
        </label>
      )}
    </div>
  );
}

/** The deal page's メモ分析 panel over all of the deal's activities. */
export function DealNotesAnalysis({ dealId }: { dealId: number }) {
  const { prefs } = usePrefs();
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setAnalysis(null);
    api<Analysis>(`/api/deals/${dealId}/notes-analysis`)
      .then((a) => live && setAnalysis(a))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [dealId]);
  return (
    <section class="panel" aria-labelledby="deal-notes-analysis">
      <h2 id="deal-notes-analysis">{tx(prefs.lang, 'title')}</h2>
      {error ? (
        <ErrorBox error={error} />
      ) : !analysis ? (
        <p aria-busy="true">{tx(prefs.lang, 'loading')}</p>
      ) : (
        <>
          <AnalysisView analysis={analysis} />
          <LlmActions dealId={dealId} />
        </>
      )}
    </section>
  );
}
