// The canvas's settings: the defaults are valid and reach sigma as its own settings; a value that
// cannot work is refused with the setting's name and what was expected. (sigma itself needs WebGL:
// the end-to-end tests draw with these settings in a real browser.)

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CANVAS_SETTINGS,
  resolveCanvasSettings,
  sigmaSettings,
} from '../../client/src/core/canvas/settings.ts';

describe('canvas settings', () => {
  it('gives sigma its settings from the defaults', () => {
    const settings = sigmaSettings(resolveCanvasSettings());
    expect(settings.labelFont).toBe(DEFAULT_CANVAS_SETTINGS.font);
    expect(settings.edgeLabelFont).toBe(DEFAULT_CANVAS_SETTINGS.font);
    expect(settings.labelColor).toEqual({ color: DEFAULT_CANVAS_SETTINGS.labelColor });
    expect(settings.minCameraRatio).toBeLessThan(settings.maxCameraRatio!);
  });

  it('keeps an override and the other defaults', () => {
    const settings = resolveCanvasSettings({ labelSize: 14 });
    expect(settings.labelSize).toBe(14);
    expect(settings.edgeLabelSize).toBe(DEFAULT_CANVAS_SETTINGS.edgeLabelSize);
  });

  it('refuses values that cannot work, naming the setting', () => {
    expect(() => resolveCanvasSettings({ labelSize: 0 })).toThrow(
      /labelSize is 0; expected a positive number/,
    );
    expect(() => resolveCanvasSettings({ minCameraRatio: 9 })).toThrow(/minCameraRatio \(9\) must be below/);
    expect(() => resolveCanvasSettings({ zoomStep: 1 })).toThrow(/zoomStep is 1; expected a factor above 1/);
    expect(() => resolveCanvasSettings({ zoomMs: -1 })).toThrow(/zoomMs is -1/);
  });
});
