// The agreement view's DNA options in the URL: a shared link reopens DNA's network with the same
// options; a link with an option that does not fit its network type opens the plain network.

import { describe, expect, it } from 'vitest';
import { fromSearchParams, toSearchParams } from '../../client/src/core/url/index.ts';
import { DEFAULT_VIEW, type ViewState } from '../../client/src/core/view/index.ts';

describe("the agreement view's DNA options in the URL", () => {
  it('round-trip under rDNA names', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      mode: 'agreement',
      network: {
        networkType: 'onemode',
        variable1: 'person',
        qualifierAggregation: 'subtract',
        normalization: 'jaccard',
        duplicates: 'document',
      },
    };
    const url = toSearchParams(view).toString();
    expect(url).toBe(
      'mode=agreement&networkType=onemode&variable1=person&qualifierAggregation=subtract&normalization=jaccard&duplicates=document',
    );
    expect(fromSearchParams(new URLSearchParams(url))).toEqual({ view, problems: [] });
  });

  it("fills the options a link leaves out with rDNA's defaults", () => {
    const { view } = fromSearchParams(new URLSearchParams('mode=agreement&qualifierAggregation=combine'));
    expect(view.network).toEqual({
      networkType: 'twomode',
      variable1: 'organization',
      qualifierAggregation: 'combine',
      normalization: 'no',
      duplicates: 'include',
    });
  });

  it('says so and opens the plain agreement network when an option does not fit', () => {
    const { view, problems } = fromSearchParams(
      new URLSearchParams('mode=agreement&networkType=onemode&qualifierAggregation=combine'),
    );
    expect(view.network).toBeUndefined();
    expect(problems).toEqual([
      'URL: ignored the network options: qualifierAggregation: combine is for two-mode networks; expected ignore, congruence, conflict or subtract.',
    ]);
  });
});
