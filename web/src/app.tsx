// The shell: sign-in, navigation by role, global search, quick activity log,
// display preferences, and the page for the current route.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api, setCsrfToken, setUnauthorizedHandler } from './api';
import { loadPrefs, PrefsContext, savePrefs, usePrefs, type Prefs } from './prefs';
import { label, ROLE_LABELS, translate, useT, type MessageKey } from './i18n';
import { SessionContext, type Principal, type Role } from './session';
import { href, useRoute, type Route } from './router';
import { SignIn, type SignedIn } from './pages/SignIn';
import { SearchPalette } from './components/SearchPalette';
import { QuickLog, QuickLogContext, type QuickLogPrefill } from './components/QuickLog';
import { ToastContext } from './components/Toast';

type PageKey = 'home' | 'tasks' | 'cadences' | 'deadlines' | 'board' | 'deals' | 'governments' | 'officials' | 'activities' | 'leads' | 'dashboards' | 'import' | 'notices' | 'signals' | 'teams' | 'routing' | 'handoffs' | 'kpis' | 'forecast' | 'leadscore' | 'noteAnalysis' | 'models' | 'diagnosis' | 'actionPlan' | 'scorecard' | 'experiments' | 'cases' | 'publicValue';
/** Each role's menu, most-used first (DOMAIN.md §7: the division of labour). */
const NAV_BY_ROLE: Record<Role, PageKey[]> = {
  field_sales: ['home', 'tasks', 'handoffs', 'deadlines', 'board', 'deals', 'governments', 'officials', 'activities', 'notices', 'dashboards', 'kpis', 'forecast', 'noteAnalysis', 'cases', 'publicValue'],
  inside_sales: ['home', 'tasks', 'handoffs', 'deadlines', 'leads', 'cadences', 'board', 'deals', 'governments', 'officials', 'activities', 'notices', 'signals', 'dashboards', 'kpis', 'noteAnalysis', 'cases', 'publicValue'],
  bdr: ['home', 'tasks', 'handoffs', 'leads', 'cadences', 'signals', 'governments', 'officials', 'activities', 'notices', 'dashboards', 'kpis', 'noteAnalysis', 'cases', 'publicValue'],
  customer_success: ['home', 'tasks', 'handoffs', 'deadlines', 'governments', 'deals', 'activities', 'officials', 'board', 'notices', 'dashboards', 'kpis', 'noteAnalysis', 'cases', 'publicValue'],
  manager: ['home', 'tasks', 'handoffs', 'deadlines', 'dashboards', 'kpis', 'forecast', 'board', 'deals', 'leads', 'cadences', 'signals', 'activities', 'governments', 'officials', 'notices', 'import', 'teams', 'routing', 'leadscore', 'models', 'noteAnalysis', 'diagnosis', 'actionPlan', 'scorecard', 'experiments', 'cases', 'publicValue'],
  admin: ['home', 'tasks', 'handoffs', 'deadlines', 'dashboards', 'kpis', 'forecast', 'board', 'deals', 'leads', 'cadences', 'signals', 'activities', 'governments', 'officials', 'notices', 'import', 'teams', 'routing', 'leadscore', 'models', 'noteAnalysis', 'diagnosis', 'actionPlan', 'scorecard', 'experiments', 'cases', 'publicValue'],
};

const NAV_PATH: Record<PageKey, string> = {
  home: '/',
  tasks: '/tasks',
  cadences: '/cadences',
  deadlines: '/deadlines',
  board: '/board',
  deals: '/deals',
  governments: '/governments',
  officials: '/officials',
  activities: '/activities',
  leads: '/leads',
  dashboards: '/dashboards',
  import: '/import',
  notices: '/notices',  signals: '/signals',
  teams: '/teams',
  routing: '/routing',
  handoffs: '/handoffs',
  kpis: '/kpis',
  forecast: '/forecast',
  leadscore: '/lead-scoring',
  noteAnalysis: '/note-analysis',
  models: '/models',
  diagnosis: '/diagnosis',
  actionPlan: '/action-plan',
  scorecard: '/scorecard',
  experiments: '/experiments',
  cases: '/cases',
  publicValue: '/public-value',
};

type PageModule = { default: ComponentType<{ route: Route }> };
// Pages load on first use, so the first screen only downloads the shell.
const PAGES: Record<string, () => Promise<PageModule>> = {
  '': () => import('./pages/Home'),
  board: () => import('./pages/Board'),
  tasks: () => import('./pages/Tasks'),
  cadences: () => import('./pages/Cadences'),
  deadlines: () => import('./pages/Deadlines'),
  deals: () => import('./pages/Lists'),
  governments: () => import('./pages/Lists'),
  officials: () => import('./pages/Lists'),
  activities: () => import('./pages/Lists'),
  leads: () => import('./pages/Lists'),
  import: () => import('./pages/ImportWizard'),
  dashboards: () => import('./pages/Dashboards'),
  notices: () => import('./pages/Notices'),  signals: () => import('./pages/Signals'),
  teams: () => import('./pages/Teams'),
  routing: () => import('./pages/Routing'),
  handoffs: () => import('./pages/Handoffs'),
  kpis: () => import('./pages/Kpis'),
  forecast: () => import('./pages/Forecast'),
  'lead-scoring': () => import('./pages/LeadScoreEvaluate'),
  'note-analysis': () => import('./pages/NoteAnalysis'),
  models: () => import('./pages/Models'),
  diagnosis: () => import('./pages/Diagnosis'),
  'action-plan': () => import('./pages/ActionPlan'),
  scorecard: () => import('./pages/Scorecard'),
  experiments: () => import('./pages/Experiments'),
  cases: () => import('./pages/Cases'),
  'public-value': () => import('./pages/PublicValue'),
};
const DETAIL_PAGES: Record<string, () => Promise<PageModule>> = {
  governments: () => import('./pages/GovernmentPage'),
  officials: () => import('./pages/OfficialPage'),
  deals: () => import('./pages/DealPage'),
  cadences: () => import('./pages/Cadences'),
  leads: () => import('./pages/LeadPage'),
  handoffs: () => import('./pages/Handoffs'),
  'action-plan': () => import('./pages/ActionPlan'), // /action-plan/print: the printable plan
  experiments: () => import('./pages/Experiments'),
  cases: () => import('./pages/Cases'),
};

function pageLoader(route: Route): (() => Promise<PageModule>) | null {
  const [first = '', second] = route.parts;
  if (second !== undefined) return DETAIL_PAGES[first] ?? null;
  return PAGES[first] ?? null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

function PageHost({ route }: { route: Route }) {
  const t = useT();
  const loader = pageLoader(route);
  const [Page, setPage] = useState<ComponentType<{ route: Route }> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFailed(null);
    if (!loader) return;
    loader()
      .then((m) => live && setPage(() => m.default))
      .catch((e: Error) => live && setFailed(e.message));
    return () => {
      live = false;
    };
  }, [loader]);
  if (!loader) return <p>{t('notFound')}</p>;
  if (failed) return <p role="alert">{failed}</p>;
  if (!Page) return <p aria-busy="true">{t('loading')}</p>;
  return <Page key={route.parts[0] ?? ''} route={route} />;
}

function Shell({ user, onSignOut }: { user: Principal; onSignOut: () => void }) {
  const t = useT();
  const { prefs, setPrefs } = usePrefs();
  const route = useRoute();
  const [searchOpen, setSearchOpen] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  const [logPrefill, setLogPrefill] = useState<QuickLogPrefill>({});
  const [toast, setToast] = useState<string | null>(null);

  const openLog = useCallback((prefill?: QuickLogPrefill) => {
    setLogPrefill(prefill ?? {});
    setLogOpen(true);
  }, []);
  const showToast = useCallback((m: string) => setToast(m), []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === '/') {
        e.preventDefault();
        setSearchOpen(true);
      } else if (e.key === 'l' || e.key === 'L') {
        e.preventDefault();
        openLog();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openLog]);

  const session = useMemo(() => ({ user, signOut: onSignOut }), [user, onSignOut]);
  const current = route.parts[0] ?? '';
  const nav = NAV_BY_ROLE[user.role] ?? NAV_BY_ROLE.field_sales;

  return (
    <SessionContext.Provider value={session}>
      <QuickLogContext.Provider value={openLog}>
        <ToastContext.Provider value={showToast}>
          <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
            {t('skipToContent')}
          </a>
          <header class="top">
            <a class="brand" href={href('/')}>
              共創 <span>Kyoso</span>
            </a>
            <nav aria-label={t('mainNav')}>
              <ul>
                {nav.map((k) => {
                  const path = NAV_PATH[k];
                  const active = path === '/' ? current === '' : current === path.slice(1);
                  return (
                    <li key={k}>
                      <a href={href(path)} aria-current={active ? 'page' : undefined}>
                        {t(k as MessageKey)}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <div class="tools">
              <button type="button" onClick={() => setSearchOpen(true)} aria-keyshortcuts="Control+K Meta+K /">
                {t('search')} <kbd>Ctrl K</kbd>
              </button>
              <button type="button" class="primary" onClick={() => openLog()} aria-keyshortcuts="L">
                {t('quickLog')} <kbd>L</kbd>
              </button>
              <details class="menu">
                <summary>{t('settings')}</summary>
                <div class="menu-body">
                  <label for="pref-era">{t('era')}</label>
                  <select id="pref-era" value={prefs.era} onChange={(e) => setPrefs({ ...prefs, era: (e.target as HTMLSelectElement).value as Prefs['era'] })}>
                    <option value="wareki">{t('wareki')}</option>
                    <option value="seireki">{t('seireki')}</option>
                  </select>
                  <label for="pref-money">{t('money')}</label>
                  <select id="pref-money" value={prefs.money} onChange={(e) => setPrefs({ ...prefs, money: (e.target as HTMLSelectElement).value as Prefs['money'] })}>
                    <option value="yen">{t('yen')}</option>
                    <option value="sen">{t('sen')}</option>
                    <option value="hyakuman">{t('hyakuman')}</option>
                  </select>
                </div>
              </details>
              <button type="button" lang={prefs.lang === 'ja' ? 'en' : 'ja'} onClick={() => setPrefs({ ...prefs, lang: prefs.lang === 'ja' ? 'en' : 'ja' })}>
                {prefs.lang === 'ja' ? 'English' : '日本語'}
              </button>
              <span class="who" title={user.login}>
                {user.name}（{label(ROLE_LABELS, user.role, prefs.lang)}）
              </span>
              <button type="button" onClick={onSignOut}>
                {t('signOut')}
              </button>
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            <PageHost route={route} />
          </main>
          <div class="toast" role="status" aria-live="polite">
            {toast}
          </div>
          <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} />
          <QuickLog open={logOpen} prefill={logPrefill} onClose={() => setLogOpen(false)} onLogged={showToast} />
        </ToastContext.Provider>
      </QuickLogContext.Provider>
    </SessionContext.Provider>
  );
}

export function App() {
  const [prefs, setPrefsState] = useState<Prefs>(loadPrefs);
  const [state, setState] = useState<'loading' | 'signed-out' | Principal>('loading');
  const setPrefs = useCallback((p: Prefs) => {
    savePrefs(p);
    setPrefsState(p);
  }, []);
  const prefsValue = useMemo(() => ({ prefs, setPrefs }), [prefs, setPrefs]);

  useEffect(() => {
    document.documentElement.lang = prefs.lang;
    document.title = translate(prefs.lang, 'appName');
  }, [prefs.lang]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState('signed-out');
    });
    api<SignedIn>('/api/session', { quiet401: true })
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setState(s.user);
      })
      .catch(() => setState('signed-out'));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/api/session', { method: 'DELETE', quiet401: true });
    } catch {
      /* signed out either way */
    }
    setCsrfToken(null);
    setState('signed-out');
  }, []);

  return (
    <PrefsContext.Provider value={prefsValue}>
      {state === 'loading' ? (
        <p aria-busy="true" class="boot">
          {translate(prefs.lang, 'loading')}
        </p>
      ) : state === 'signed-out' ? (
        <SignIn
          onSignedIn={(s) => {
            setCsrfToken(s.csrf_token);
            setState(s.user);
          }}
        />
      ) : (
        <Shell user={state} onSignOut={signOut} />
      )}
    </PrefsContext.Provider>
  );
}
