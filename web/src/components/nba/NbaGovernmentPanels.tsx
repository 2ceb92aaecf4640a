// The government page's 次の一手 and 類似団体・近い自治体 panels, mounted with one line.
import { NextActions } from './NextActions';
import { SimilarGovernments } from './SimilarGovernments';

export function NbaGovernmentPanels({ code }: { code: string }) {
  return (
    <>
      <NextActions governmentCode={code} />
      <SimilarGovernments code={code} />
    </>
  );
}
