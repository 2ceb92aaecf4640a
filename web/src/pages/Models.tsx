// モデル管理 (docs/ml.md "The model registry"): every registered version with its training
// window, metrics and features; managers and administrators retrain with progress.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { pick } from '../i18n';
import { usePrefs } from '../prefs';
import type { Route } from '../router';
import { useSession } from '../session';

interface Model {
  id: number;
  name: string;
  version: number;
  trained_at: string;
  window: { from: string; to: string };
  metrics: Record<string, number | string | null>;
  features: { key: string; label_ja: string }[];
  calibration: string;
  active: boolean;
}
interface Registry {
  items: Model[];
  training: { running: boolean; model: string; phase: string; done: number; total: number };
  min_per_class: number;
}
interface TrainResult {
  results: { model: string; trained: boolean; message: string; version: number | null }[];
}

const f3 = (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—');

export default function Models(_: { route: Route }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const { user } = useSession();
  const [reg, setReg] = useState<Registry | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState('');
  const [results, setResults] = useState<TrainResult | null>(null);
  const load = () => api<Registry>('/api/ml/models').then(setReg, setError);
  useEffect(() => {
    load();
  }, []);
  const canTrain = user.role === 'admin' || user.role === 'manager';
  const retrain = async () => {
    setBusy(true);
    setResults(null);
    setProgress(pick(lang, '特徴量を作成中…', 'Building features…'));
    const timer = setInterval(() => {
      api<Registry>('/api/ml/models').then((r) => {
        if (r.training.running) {
          const pctDone = r.training.total > 0 ? ` ${Math.round((100 * r.training.done) / r.training.total)}%` : '';
          setProgress(`${r.training.model}: ${r.training.phase}${pctDone}`);
        }
      }, () => {});
    }, 1000);
    try {
      setResults(await api<TrainResult>('/api/ml/train', { method: 'POST', body: { model: 'all' } }));
      await load();
    } catch (e) {
      setError(e);
    } finally {
      clearInterval(timer);
      setBusy(false);
      setProgress('');
    }
  };
  return (
    <div>
      <h1>{pick(lang, 'モデル管理', 'Models')}</h1>
      {error ? <ErrorBox error={error} /> : null}
      {canTrain ? (
        <p>
          <button type="button" onClick={retrain} disabled={busy}>
            {pick(lang, '再学習', 'Retrain')}
          </button>{' '}
          {busy ? <span role="status">{progress}</span> : null}
        </p>
      ) : null}
      {results ? (
        <ul aria-label={pick(lang, '学習結果', 'Training results')}>
          {results.results.map((r) => (
            <li key={r.model}>
              {r.model}:{' '}
              {r.trained ? pick(lang, `バージョン ${r.version} を登録`, `registered version ${r.version}`) : r.message}
            </li>
          ))}
        </ul>
      ) : null}
      {reg ? (
        <table>
          <caption>{pick(lang, '登録済みモデル', 'Registered models')}</caption>
          <thead>
            <tr>
              <th scope="col">{pick(lang, 'モデル', 'Model')}</th>
              <th scope="col">{pick(lang, 'バージョン', 'Version')}</th>
              <th scope="col">{pick(lang, '学習期間', 'Window')}</th>
              <th scope="col">AUC</th>
              <th scope="col">ECE</th>
              <th scope="col">Brier</th>
              <th scope="col">{pick(lang, '校正', 'Calibration')}</th>
              <th scope="col">{pick(lang, '特徴量', 'Features')}</th>
              <th scope="col">{pick(lang, '状態', 'State')}</th>
            </tr>
          </thead>
          <tbody>
            {reg.items.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.version}</td>
                <td>
                  {m.window.from} – {m.window.to}
                </td>
                <td>{f3(m.metrics.auc)}</td>
                <td>{f3(m.metrics.ece)}</td>
                <td>{f3(m.metrics.brier)}</td>
                <td>{m.calibration}</td>
                <td title={m.features.map((x) => x.label_ja).join('、')}>{m.features.length}</td>
                <td>{m.active ? pick(lang, '有効', 'Active') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {reg && reg.items.length === 0 ? (
        <p>
          {pick(
            lang,
            `登録済みのモデルはありません（各クラス ${reg.min_per_class} 件以上の実績が必要。それまではルールによるスコア）。`,
            `No registered models yet (each needs ${reg.min_per_class} outcomes of each class; until then scores come from rules).`,
          )}
        </p>
      ) : null}
    </div>
  );
}
