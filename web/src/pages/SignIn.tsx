// The sign-in screen (POST /api/session): the server sets the HttpOnly cookie and
// returns the CSRF token the app sends on every write.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useT } from '../i18n';
import { usePrefs } from '../prefs';
import type { Principal } from '../session';
import { ErrorBox } from '../components/ErrorBox';

export interface SignedIn {
  user: Principal;
  csrf_token: string | null;
}

export function SignIn({ onSignedIn }: { onSignedIn: (s: SignedIn) => void }) {
  const t = useT();
  const { prefs, setPrefs } = usePrefs();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main class="signin" id="main">
      <form
        class="form card"
        aria-labelledby="signin-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const s = await api<SignedIn>('/api/session', {
              method: 'POST',
              body: { login, password },
              quiet401: true,
            });
            onSignedIn(s);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="signin-title">{t('appName')}</h1>
        <p class="muted">{t('signInLead')}</p>
        <label for="login">{t('login')}</label>
        <input id="login" name="username" autoComplete="username" required autoFocus value={login} onInput={(e) => setLogin((e.target as HTMLInputElement).value)} />
        <label for="password">{t('password')}</label>
        <input id="password" type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        <ErrorBox error={error} />
        <div class="actions">
          <button
            type="button"
            onClick={() => setPrefs({ ...prefs, lang: prefs.lang === 'ja' ? 'en' : 'ja' })}
            lang={prefs.lang === 'ja' ? 'en' : 'ja'}
          >
            {prefs.lang === 'ja' ? 'English' : '日本語'}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t('signIn')}
          </button>
        </div>
      </form>
    </main>
  );
}
