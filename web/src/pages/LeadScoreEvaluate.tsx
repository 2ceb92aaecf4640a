// リードスコア検証: would lead scoring have worked on our own history? Choose a CSV of
// past leads with their outcome, pick the outcome column, run POST /api/leads/evaluate
// and read AUC / log-loss / Brier with a plain-Japanese explanation (docs/ml.md).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { usePrefs } from '../prefs';

interface Feature {
  column: string;
  kind: 'number' | 'date' | 'category';
  levels?: number;
  importance: number;
}

interface Evaluation {
  auc: number;
  logloss: number;
  brier: number;
  ece: number;
  n_train: number;
  n_test: number;
  positives_train: number;
  positives_test: number;
  baseline: { base_rate: number; auc: number; logloss: number; brier: number };
  target: string;
  positive: string;
  split: string;
  calibration: string;
  encoding: string;
  rows_without_target: number;
  missing_cells: number;
  features: Feature[];
  notes: string[];
  warnings: string[];
}

const S = {
  title: ['リードスコア検証', 'Lead score check'],
  intro: [
    '過去のリードと成果（受注・失注など）のCSVで、スコアリングが自社のデータで当たるかを、使い始める前に確かめます。ファイルの前の部分で学習し、残りで答え合わせをします。データは保存されません。',
    'Check, before switching scoring on, whether it would have worked on your own history: a CSV of past leads with their outcome. The model learns on one part of the file and is checked on the rest. Nothing is stored.',
  ],
  file: ['CSVファイル', 'CSV file'],
  target: ['成果の列（目的変数）', 'Outcome column (target)'],
  positive: ['成功を表す値（任意）', 'Value meaning success (optional)'],
  positiveHint: [
    '空欄なら 1 / true / yes / won / 受注 / 成約 などから自動で判断します',
    'Blank: inferred from 1 / true / yes / won / 受注 / 成約 …',
  ],
  exclude: ['使わない列', 'Columns to leave out'],
  split: ['検証の分け方', 'How to split'],
  splitTime: ['ファイル順：最後の20%で検証（時系列）', 'File order: test on the last 20% (time)'],
  splitRandom: ['ランダム：20%で検証（シード42）', 'Random: test on 20% (seed 42)'],
  run: ['検証する', 'Evaluate'],
  running: ['学習中…', 'Training…'],
  result: ['検証結果', 'Result'],
  auc: ['AUC', 'AUC'],
  aucHelp: [
    'AUC は「成果が出たリード」と「出なかったリード」を正しく順位付けできる確率です。0.5 = 当て推量、1.0 = 完全。目安：0.7以上で実用的、0.8以上なら強い。',
    'AUC: the chance a converted lead ranks above one that did not. 0.5 = guessing, 1.0 = perfect; 0.7+ is useful, 0.8+ strong.',
  ],
  logloss: ['ログ損失', 'Log-loss'],
  brier: ['ブライアスコア', 'Brier score'],
  probHelp: [
    'ログ損失・ブライアスコアは確率の当たり具合で、小さいほど良い値です。括弧内は「全員に平均の成約率を出すだけ」の場合の値で、これより小さければモデルが役立っています。',
    'Log-loss and Brier measure the probabilities; smaller is better. In brackets: always predicting the average rate — the model helps when it is below that.',
  ],
  ece: ['較正誤差（ECE）', 'Calibration error (ECE)'],
  nTrain: ['学習件数', 'Training rows'],
  nTest: ['検証件数', 'Test rows'],
  positives: ['うち成功', 'of which successes'],
  baseline: ['平均だけの場合', 'average only'],
  features: ['使った列と効き具合', 'Columns used and their weight'],
  column: ['列', 'Column'],
  kind: ['種類', 'Kind'],
  importance: ['影響度', 'Influence'],
  warnings: ['注意', 'Warnings'],
  notes: ['メモ', 'Notes'],
  tooLarge: [
    'ファイルが大きすぎます（1 MBまで）。大きなファイルは `kyoso leads evaluate` で検証してください。',
    'The file is too large (1 MB max). Evaluate large files with `kyoso leads evaluate`.',
  ],
  number: ['数値', 'number'],
  date: ['日付', 'date'],
  category: ['区分', 'category'],
  positiveIs: ['成功とみなした値', 'Success value'],
} as const;
type Key = keyof typeof S;

const MAX_BYTES = 1 << 20;
const TARGET_GUESS = /^(result|outcome|target|converted|won|label|成果|結果|受注|成約|商談化)/i;

async function decodeCsv(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('shift_jis').decode(bytes); // Excel's CSV in Japan
  }
}

/** The header row of a CSV (quotes handled; enough to list the columns). */
function headerOf(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else if (c === '\n' || c === '\r') {
      break;
    } else {
      cur += c;
    }
  }
  out.push(cur.trim());
  return out.map((h, i) => h || `列${i + 1}`);
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');

export default function LeadScoreEvaluate() {
  const { prefs } = usePrefs();
  const t = (k: Key) => S[k][prefs.lang === 'en' ? 1 : 0];
  const [csv, setCsv] = useState('');
  const [columns, setColumns] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [positive, setPositive] = useState('');
  const [exclude, setExclude] = useState<string[]>([]);
  const [split, setSplit] = useState('time:0.2');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Evaluation | null>(null);

  async function onFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    setResult(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setCsv('');
      setColumns([]);
      setError(new ApiError(413, t('tooLarge')));
      return;
    }
    const text = await decodeCsv(file);
    const header = headerOf(text);
    setCsv(text);
    setColumns(header);
    setExclude([]);
    setTarget(header.find((h) => TARGET_GUESS.test(h)) ?? header[header.length - 1] ?? '');
  }

  async function run(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const ev = await api<Evaluation>('/api/leads/evaluate', {
        method: 'POST',
        body: { csv, target, positive: positive.trim() || null, exclude, split },
      });
      setResult(ev);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const kindLabel = (k: Feature['kind']) => t(k);
  const maxImportance = Math.max(1e-9, ...(result?.features.map((f) => f.importance) ?? [0]));

  return (
    <section class="leadscore">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form onSubmit={run} aria-label={t('title')}>
        <label>
          {t('file')}
          <input type="file" accept=".csv,text/csv" onChange={onFile} />
        </label>
        {columns.length > 0 && (
          <>
            <label>
              {t('target')}
              <select value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('positive')}
              <input
                type="text"
                value={positive}
                placeholder="受注"
                onInput={(e) => setPositive((e.target as HTMLInputElement).value)}
              />
              <small>{t('positiveHint')}</small>
            </label>
            <fieldset>
              <legend>{t('exclude')}</legend>
              {columns
                .filter((c) => c !== target)
                .map((c) => (
                  <label key={c} class="inline">
                    <input
                      type="checkbox"
                      checked={exclude.includes(c)}
                      onChange={(e) => {
                        const on = (e.target as HTMLInputElement).checked;
                        setExclude((xs) => (on ? [...xs, c] : xs.filter((x) => x !== c)));
                      }}
                    />
                    {c}
                  </label>
                ))}
            </fieldset>
            <label>
              {t('split')}
              <select value={split} onChange={(e) => setSplit((e.target as HTMLSelectElement).value)}>
                <option value="time:0.2">{t('splitTime')}</option>
                <option value="random:0.2:42">{t('splitRandom')}</option>
              </select>
            </label>
            <button type="submit" disabled={busy || !target}>
              {busy ? t('running') : t('run')}
            </button>
          </>
        )}
      </form>
      {error !== null && <ErrorBox error={error} />}
      {result && (
        <section aria-label={t('result')}>
          <h2>{t('result')}</h2>
          <dl class="metrics">
            <dt>{t('auc')}</dt>
            <dd>{fmt(result.auc)}</dd>
            <dt>{t('logloss')}</dt>
            <dd>
              {fmt(result.logloss)} （{t('baseline')} {fmt(result.baseline.logloss)}）
            </dd>
            <dt>{t('brier')}</dt>
            <dd>
              {fmt(result.brier)} （{t('baseline')} {fmt(result.baseline.brier)}）
            </dd>
            <dt>{t('ece')}</dt>
            <dd>{fmt(result.ece)}</dd>
            <dt>{t('nTrain')}</dt>
            <dd>
              {result.n_train}（{t('positives')} {result.positives_train}）
            </dd>
            <dt>{t('nTest')}</dt>
            <dd>
              {result.n_test}（{t('positives')} {result.positives_test}）
            </dd>
            <dt>{t('positiveIs')}</dt>
            <dd>{result.positive}</dd>
          </dl>
          <p>{t('aucHelp')}</p>
          <p>{t('probHelp')}</p>
          {result.warnings.length > 0 && (
            <div role="note" aria-label={t('warnings')}>
              <h3>{t('warnings')}</h3>
              <ul>
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          <h3>{t('features')}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('column')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('importance')}</th>
              </tr>
            </thead>
            <tbody>
              {result.features.map((f) => (
                <tr key={f.column}>
                  <td>{f.column}</td>
                  <td>{kindLabel(f.kind)}</td>
                  <td>
                    <meter min={0} max={maxImportance} value={f.importance} aria-label={`${f.column} ${t('importance')}`} />{' '}
                    {fmt(f.importance)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.notes.length > 0 && (
            <details>
              <summary>{t('notes')}</summary>
              <ul>
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </section>
  );
}
