// メモ分析: paste a meeting note, pick its date and see the budget signals, next steps
// with resolved dates, keywords and policy-domain tags (POST /api/notes/analyze).
import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { AnalysisView, LlmActions, tx, type Analysis } from '../components/notes/NotesAnalysis';
import { usePrefs } from '../prefs';
import type { Route } from '../router';

const EXAMPLE =
  '防災課長と面談。今年度は予算がないが、来年度要求する方向で検討します。\n次回は来週訪問し、10月中旬に仕様を確認予定。補正で前倒しの可能性もあり。';

function todayIso(): string {
  const d = new Date(Date.now() + 9 * 3600 * 1000); // Japan
  return d.toISOString().slice(0, 10);
}

export default function NoteAnalysis(_: { route: Route }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const [text, setText] = useState('');
  const [date, setDate] = useState(todayIso());
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [analysedText, setAnalysedText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function analyse(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { text };
      if (date) body.date = date;
      setAnalysis(await api<Analysis>('/api/notes/analyze', { method: 'POST', body }));
      setAnalysedText(text);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article aria-labelledby="note-analysis-title">
      <h1 id="note-analysis-title">{tx(lang, 'title')}</h1>
      <p class="muted">
        {lang === 'ja'
          ? '商談メモを貼り付けると、予算の手がかり・次のステップと期日・キーワード・政策分野を抽出します。'
          : 'Paste a meeting note to see its budget cues, next steps with dates, keywords and policy domains.'}
      </p>
      <form onSubmit={analyse} aria-label={tx(lang, 'title')}>
        <label>
          {lang === 'ja' ? 'メモ' : 'Note'}
          <textarea
            rows={8}
            class="note-input"
            value={text}
            placeholder={EXAMPLE}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label>
          {lang === 'ja' ? 'メモの日付' : 'Date of the note'}
          <input type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit" disabled={busy || !text.trim()}>
          {lang === 'ja' ? '分析する' : 'Analyse'}
        </button>
      </form>
      {error ? <ErrorBox error={error} /> : null}
      {analysis && (
        <section class="panel" aria-label={lang === 'ja' ? '分析結果' : 'Analysis'}>
          <AnalysisView analysis={analysis} />
          <LlmActions text={analysedText} />
        </section>
      )}
    </article>
  );
}
