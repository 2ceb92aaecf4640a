// Japanese first, English second: every string the UI shows, as [ja, en].
// Domain terms keep the users' Japanese names (予算要求, 随意契約) in both languages
// where they are the real names.
import { usePrefs } from './prefs';

const M = {
  appName: ['共創 Kyoso', 'Kyoso 共創'],
  signIn: ['サインイン', 'Sign in'],
  signOut: ['サインアウト', 'Sign out'],
  login: ['ログインID', 'Login'],
  password: ['パスワード', 'Password'],
  signInFailed: ['サインインできませんでした', 'Could not sign in'],
  signInLead: ['自治体向け営業のためのCRM/SFA', 'CRM/SFA for selling to Japanese local governments'],
  home: ['ホーム', 'Home'],
  board: ['パイプライン', 'Pipeline'],
  governments: ['自治体', 'Governments'],
  officials: ['職員', 'Officials'],
  deals: ['案件', 'Deals'],
  activities: ['活動', 'Activities'],
  leads: ['リード', 'Leads'],
  import: ['インポート', 'Import'],
  dashboards: ['ダッシュボード', 'Dashboards'],
  mainNav: ['メインメニュー', 'Main navigation'],
  search: ['検索', 'Search'],
  searchPlaceholder: ['自治体・職員・案件・活動を検索（かな可）', 'Search governments, officials, deals, notes (kana works)'],
  searchHint: ['Ctrl+K / ⌘K', 'Ctrl+K / ⌘K'],
  noResults: ['該当なし', 'No results'],
  quickLog: ['活動を記録', 'Log activity'],
  quickLogHint: ['Ctrl+Shift+L', 'Ctrl+Shift+L'],
  language: ['表示言語', 'Language'],
  era: ['日付', 'Dates'],
  wareki: ['和暦', 'Japanese era'],
  seireki: ['西暦', 'Gregorian'],
  money: ['金額の単位', 'Money unit'],
  yen: ['円', 'Yen'],
  sen: ['千円', 'Thousand yen (千円)'],
  hyakuman: ['百万円', 'Million yen (百万円)'],
  settings: ['表示設定', 'Display settings'],
  loading: ['読み込み中…', 'Loading…'],
  error: ['エラー', 'Error'],
  close: ['閉じる', 'Close'],
  cancel: ['キャンセル', 'Cancel'],
  save: ['保存', 'Save'],
  apply: ['適用', 'Apply'],
  delete: ['削除', 'Delete'],
  fiscalYear: ['年度', 'Fiscal year'],
  product: ['製品', 'Product'],
  owner: ['担当者', 'Owner'],
  kind: ['団体区分', 'Kind'],
  prefecture: ['都道府県', 'Prefecture'],
  all: ['すべて', 'All'],
  stage: ['ステージ', 'Stage'],
  amount: ['金額', 'Amount'],
  title: ['件名', 'Title'],
  position: ['役職', 'Position'],
  government: ['自治体', 'Government'],
  population: ['人口', 'Population'],
  fiscalStrength: ['財政力指数', 'Fiscal strength index'],
  kana: ['よみ', 'Kana'],
  code: ['団体コード', 'Code'],
  type: ['種別', 'Type'],
  date: ['日付', 'Date'],
  notes: ['メモ', 'Notes'],
  outcome: ['結果', 'Outcome'],
  official: ['相手方（職員）', 'Official'],
  deal: ['案件', 'Deal'],
  boardView: ['ボード', 'Board'],
  tableView: ['表', 'Table'],
  view: ['表示', 'View'],
  total: ['合計', 'Total'],
  count: ['件数', 'Count'],
  moveTo: ['移動先', 'Move to'],
  moveDeal: ['ステージを移動', 'Move stage'],
  evidenceNeeded: ['このステージに必要な根拠', 'Evidence this stage needs'],
  evidenceActivity: ['案件に記録済みの活動が必要です', 'Needs an activity already logged on the deal'],
  move: ['移動する', 'Move'],
  moved: ['移動しました', 'Moved'],
  more: ['さらに表示', 'Show more'],
  filters: ['絞り込み', 'Filters'],
  columns: ['表示列', 'Columns'],
  savedViews: ['保存ビュー', 'Saved views'],
  saveView: ['現在の表示を保存', 'Save this view'],
  viewName: ['ビュー名', 'View name'],
  rows: ['件', 'rows'],
  sortBy: ['並べ替え', 'Sort by'],
  departments: ['組織（部署）', 'Departments'],
  postings: ['異動履歴', 'Postings'],
  successors: ['後任', 'Successors'],
  predecessors: ['前任', 'Predecessors'],
  calendar: ['今年度の予算カレンダー', "This fiscal year's budget calendar"],
  nextDeadline: ['次の締切', 'Next deadline'],
  businessDaysLeft: ['営業日', 'business days'],
  contactLog: ['接触記録（コンプライアンス）', 'Compliance contact log'],
  timeline: ['活動タイムライン', 'Activity timeline'],
  profile: ['基本情報', 'Profile'],
  similarGroup: ['類似団体', 'Similar group'],
  populationBand: ['人口規模', 'Population band'],
  parent: ['所属', 'Parent'],
  disclosure: ['情報公開用に出力', 'Export for disclosure'],
  importTitle: ['データのインポート', 'Import data'],
  importType: ['取り込むデータ', 'Record type'],
  importFile: ['ファイル（CSV または XLSX）', 'File (CSV or XLSX)'],
  mapColumns: ['列の対応付け', 'Map columns'],
  ignoreColumn: ['（取り込まない）', '(ignore)'],
  autoColumn: ['（見出しのまま）', '(as headed)'],
  preview: ['プレビュー（検証のみ）', 'Preview (validate only)'],
  importNow: ['インポートを実行', 'Import'],
  rowsTotal: ['行', 'rows'],
  errorsFound: ['件のエラー。修正するまで何も書き込まれません。', 'errors. Nothing is written until they are fixed.'],
  noErrors: ['エラーはありません', 'No errors'],
  imported: ['取り込み完了', 'Imported'],
  inserted: ['追加', 'inserted'],
  updated: ['更新', 'updated'],
  unchanged: ['変更なし', 'unchanged'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  reason: ['理由', 'Reason'],
  step: ['ステップ', 'Step'],
  funnel: ['ステージ別ファネル', 'Funnel by stage'],
  pipelineByYear: ['年度別パイプライン', 'Pipeline by fiscal year'],
  winRateKind: ['団体区分別の受注率', 'Win rate by government kind'],
  winRateProduct: ['製品別の受注率', 'Win rate by product'],
  activityVolume: ['週別・種別の活動量', 'Activity volume by week and type'],
  japanMap: ['都道府県別の導入率とパイプライン', 'Adoption and pipeline by prefecture'],
  adoption: ['導入率', 'Adoption'],
  pipeline: ['パイプライン', 'Pipeline'],
  open: ['進行中', 'Open'],
  won: ['受注', 'Won'],
  lost: ['失注', 'Lost'],
  winRate: ['受注率', 'Win rate'],
  myDeals: ['自分の進行中案件', 'My open deals'],
  recentActivities: ['最近の活動', 'Recent activities'],
  welcome: ['ようこそ', 'Welcome'],
  saved: ['保存しました', 'Saved'],
  logged: ['記録しました', 'Logged'],
  required: ['必須', 'required'],
  role: ['ロール', 'Role'],
  status: ['ステータス', 'Status'],
  source: ['流入元', 'Source'],
  createdOn: ['作成日', 'Created'],
  department: ['部署', 'Department'],
  decisionRole: ['役割', 'Decision role'],
  email: ['メール', 'Email'],
  phone: ['電話', 'Phone'],
  postedFrom: ['着任日', 'Posted from'],
  doNotContact: ['連絡不可', 'Do not contact'],
  user: ['担当者', 'User'],
  hidden: ['（非表示）', '(hidden)'],
  history: ['ステージ履歴', 'Stage history'],
  openDeal: ['案件を開く', 'Open deal'],
  skipToContent: ['本文へ移動', 'Skip to content'],
  noAccess: ['この画面を表示する権限がありません', 'You may not open this screen'],
  notFound: ['ページが見つかりません', 'Page not found'],
  of: ['／', ' of '],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof M;

/** The translation of one key in a language. */
export function translate(lang: 'ja' | 'en', key: MessageKey): string {
  return M[key][lang === 'ja' ? 0 : 1];
}

/** A `t(key)` bound to the user's language. */
export function useT(): (key: MessageKey) => string {
  const { prefs } = usePrefs();
  return (key) => translate(prefs.lang, key);
}

/** Picks the Japanese or English text of a pair the server or a table gives. */
export function pick(lang: 'ja' | 'en', ja: string, en: string | undefined): string {
  return lang === 'ja' ? ja : en || ja;
}

export const KIND_LABELS: Record<string, [string, string]> = {
  prefecture: ['都道府県', 'Prefecture'],
  designated_city: ['政令指定都市', 'Designated city'],
  ward: ['行政区', 'Ward'],
  core_city: ['中核市', 'Core city'],
  special_ward: ['特別区', 'Special ward'],
  city: ['市', 'City'],
  town: ['町', 'Town'],
  village: ['村', 'Village'],
};

export const ACTIVITY_LABELS: Record<string, [string, string]> = {
  visit: ['訪問', 'Visit'],
  call: ['電話', 'Call'],
  email: ['メール', 'Email'],
  online_meeting: ['オンライン会議', 'Online meeting'],
  seminar: ['セミナー', 'Seminar'],
  demo: ['デモ', 'Demo'],
  reference_quote: ['参考見積', 'Reference quote'],
  proposal: ['提案', 'Proposal'],
  bid: ['入札', 'Bid'],
};

export const ROLE_LABELS: Record<string, [string, string]> = {
  admin: ['管理者', 'Administrator'],
  manager: ['マネージャー', 'Manager'],
  field_sales: ['フィールドセールス', 'Field sales'],
  inside_sales: ['インサイドセールス', 'Inside sales'],
  bdr: ['BDR/SDR', 'BDR/SDR'],
  customer_success: ['カスタマーサクセス', 'Customer success'],
};

export const LEAD_STATUS_LABELS: Record<string, [string, string]> = {
  new: ['新規', 'New'],
  working: ['対応中', 'Working'],
  qualified: ['有望', 'Qualified'],
  disqualified: ['対象外', 'Disqualified'],
  converted: ['案件化', 'Converted'],
};

/** The label of a slug from one of the tables above. */
export function label(table: Record<string, [string, string]>, slug: string | null | undefined, lang: 'ja' | 'en'): string {
  if (!slug) return '—';
  const l = table[slug];
  return l ? l[lang === 'ja' ? 0 : 1] : slug;
}
