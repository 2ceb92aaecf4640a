// Cadences (シーケンス) and tasks (やること): types, labels and the strings of their
// screens, Japanese first (docs/division-of-labour.md, "Cadences and tasks").
import { usePrefs } from './prefs';

export type StepKind = 'call' | 'email' | 'visit' | 'wait';

export interface CadenceStep {
  id?: number;
  position: number;
  kind: StepKind;
  wait_business_days: number;
  title: string;
  template: string;
  variant_b_kind: StepKind | null;
  variant_b_title: string | null;
  variant_b_template: string | null;
}

export interface Cadence {
  id: number;
  name: string;
  description: string;
  target: 'lead' | 'official';
  owner_team: string;
  active: boolean;
  step_count: number;
  enrolments: number;
  active_enrolments: number;
  steps?: CadenceStep[];
}

export interface Enrolment {
  id: number;
  cadence_id: number;
  cadence_name: string;
  lead_id: number | null;
  lead_title: string | null;
  official_id: number | null;
  official_name: string | null;
  government_code: string | null;
  government_name: string | null;
  user_id: number;
  user_name: string;
  variant: 'A' | 'B';
  started_on: string;
  status: 'active' | 'completed' | 'stopped';
  outcome: string | null;
  outcome_on: string | null;
  current_position: number;
}

export interface Task {
  id: number;
  user_id: number;
  user_name: string;
  due_on: string;
  kind: 'call' | 'email' | 'visit' | 'todo';
  title: string;
  body: string;
  lead_id: number | null;
  lead_title: string | null;
  official_id: number | null;
  official_name: string | null;
  government_code: string | null;
  government_name: string | null;
  enrolment_id: number | null;
  cadence_name: string | null;
  variant: 'A' | 'B' | null;
  status: 'open' | 'done' | 'skipped';
  result: string;
  completed_on: string | null;
}

export interface VariantStats {
  variant: 'A' | 'B';
  enrolled: number;
  active: number;
  completed: number;
  stopped: number;
  outcomes: Record<string, number>;
  meetings: number;
  meeting_rate: number | null;
}

export const OUTCOMES = ['meeting_set', 'replied', 'no_response', 'not_interested', 'opted_out'] as const;

const S = {
  cadences: ['シーケンス', 'Cadences'],
  cadencesLead: ['電話・メール・訪問・待機のステップを順に実行し、ステップごとにA/Bを比較します', 'Steps of calls, emails, visits and waits, worked in order, with A/B variants per step'],
  newCadence: ['新しいシーケンス', 'New cadence'],
  cadenceName: ['シーケンス名', 'Cadence name'],
  description: ['説明', 'Description'],
  target: ['対象', 'Target'],
  targetLead: ['リード', 'Leads'],
  targetOfficial: ['職員', 'Officials'],
  ownerTeam: ['担当チーム（空欄=全チーム）', 'Team (empty = any)'],
  active: ['有効', 'Active'],
  steps: ['ステップ', 'Steps'],
  step: ['ステップ', 'Step'],
  kind: ['種類', 'Kind'],
  waitDays: ['待機営業日数', 'Business days to wait'],
  delayDays: ['実行前の待機営業日数', 'Business days before the step'],
  stepTitle: ['件名', 'Title'],
  stepTemplate: ['本文・トークスクリプト', 'Body / script'],
  hasB: ['Bバリアントあり', 'Has a B variant'],
  bKind: ['Bの種類', 'B kind'],
  bTitle: ['Bの件名', 'B title'],
  bTemplate: ['Bの本文', 'B body'],
  addStep: ['ステップを追加', 'Add a step'],
  removeStep: ['ステップを削除', 'Remove step'],
  save: ['保存', 'Save'],
  saved: ['保存しました', 'Saved'],
  create: ['作成', 'Create'],
  enrolments: ['登録状況', 'Enrolments'],
  enrolmentCount: ['登録', 'Enrolled'],
  activeCount: ['実行中', 'Active'],
  comparison: ['A/Bの比較', 'A/B comparison'],
  comparisonCaption: ['バリアント比較', 'Variant comparison'],
  meetingRate: ['商談化率', 'Meeting rate'],
  variant: ['バリアント', 'Variant'],
  startedOn: ['開始日', 'Started'],
  status: ['状態', 'Status'],
  outcome: ['成果', 'Outcome'],
  record: ['記録', 'Record'],
  user: ['担当', 'Worked by'],
  subject: ['対象', 'Subject'],
  none: ['まだ登録はありません', 'No enrolments yet'],
  enrol: ['シーケンスに登録', 'Enrol in a cadence'],
  enrolSubmit: ['登録する', 'Enrol'],
  enrolUser: ['担当者', 'Worked by'],
  enrolUserDefault: ['リードの担当者（既定）', "The lead's owner (default)"],
  enrolUserMe: ['自分', 'Me'],
  variantAuto: ['自動（A・B交互）', 'Automatic (A, B alternating)'],
  enrolled: ['登録しました', 'Enrolled'],
  noCadence: ['登録できるシーケンスがありません', 'No cadence to enrol in'],
  tasks: ['やること', 'Tasks'],
  todayTasks: ['今日のやること', "Today's tasks"],
  dueToday: ['今日', 'Today'],
  overdue: ['期限切れ', 'Overdue'],
  upcoming: ['今後', 'Upcoming'],
  noTasks: ['ありません', 'None'],
  complete: ['完了', 'Done'],
  skip: ['スキップ', 'Skip'],
  resultNote: ['結果メモ', 'Result note'],
  completed: ['完了しました', 'Completed'],
  skipped: ['スキップしました', 'Skipped'],
  due: ['期日', 'Due'],
  allTasks: ['やることをすべて見る', 'All tasks'],
  newTask: ['やることを追加', 'Add a task'],
  add: ['追加', 'Add'],
  lead: ['リード', 'Lead'],
  backToList: ['シーケンス一覧へ', 'All cadences'],
} as const satisfies Record<string, readonly [string, string]>;

export type CadenceKey = keyof typeof S;

/** A `c(key)` for the cadence screens, bound to the user's language. */
export function useCadenceT(): (key: CadenceKey) => string {
  const { prefs } = usePrefs();
  return (key) => S[key][prefs.lang === 'ja' ? 0 : 1];
}

export const STEP_KIND_LABELS: Record<string, [string, string]> = {
  call: ['電話', 'Call'],
  email: ['メール', 'Email'],
  visit: ['訪問', 'Visit'],
  wait: ['待機', 'Wait'],
  todo: ['その他', 'To do'],
};

export const OUTCOME_LABELS: Record<string, [string, string]> = {
  meeting_set: ['商談設定', 'Meeting set'],
  replied: ['返信あり', 'Replied'],
  no_response: ['反応なし', 'No response'],
  not_interested: ['関心なし', 'Not interested'],
  opted_out: ['配信停止', 'Opted out'],
};

export const ENROLMENT_STATUS_LABELS: Record<string, [string, string]> = {
  active: ['実行中', 'Active'],
  completed: ['完了', 'Completed'],
  stopped: ['停止', 'Stopped'],
};
