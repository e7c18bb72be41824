// The canvas as a PNG, drawn by @sigma/export-image from the current camera on a white background.

import { toBlob } from '@sigma/export-image';
import type Sigma from 'sigma';
import type { Exporter } from './types.ts';

export const pngExporter: Exporter = {
  id: 'png',
  label: 'PNG image',
  description: 'The canvas as you see it',
  run: async ({ sigma }) => ({
    // @sigma/export-image is typed for a Sigma over any attributes; ours are narrower.
    blob: await toBlob(sigma as unknown as Sigma, { format: 'png', backgroundColor: '#ffffff' }),
    fileName: 'stancegraph.png',
    contentType: 'image/png',
  }),
};
