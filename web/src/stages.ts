// The municipal pipeline as the server defines it (GET /api/pipeline/stages):
// order, labels, the evidence each stage needs, and the allowed moves.
import { cached } from './refdata';

export interface Evidence {
  kind: string;
  fields: string[];
  label_ja: string;
  label_en: string;
  input: 'none' | 'text' | 'amount' | 'url';
}

export interface StageDef {
  stage: string;
  label_ja: string;
  label_en: string;
  order: number;
  closed: boolean;
  evidence: Evidence[];
  next: string[];
}

export function loadStages(): Promise<StageDef[]> {
  return cached<{ stages: StageDef[] }>('/api/pipeline/stages').then((r) => r.stages);
}
