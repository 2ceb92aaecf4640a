// The government page's case-library panels (related cases for 横展開 and the public value
// of its deployments), mounted with one line.
import { RelatedCases } from './RelatedCases';
import { PublicValuePanel } from './PublicValuePanel';

export function CasesGovernmentPanels({ code }: { code: string }) {
  return (
    <>
      <RelatedCases governmentCode={code} />
      <PublicValuePanel governmentCode={code} />
    </>
  );
}
