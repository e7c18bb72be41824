// The canvas's settings, after sigma's own pattern (sigma/settings: a typed Settings object, its
// DEFAULT_SETTINGS, validateSettings): what the canvas draws and how its camera moves, in one
// typed object with its defaults, checked before sigma gets them.

import type { Settings } from 'sigma/settings';

export interface CanvasSettings {
  /** CSS font family of node and edge labels. */
  font: string;
  labelSize: number;
  labelWeight: string;
  labelColor: string;
  edgeLabelSize: number;
  edgeLabelColor: string;
  /** Sigma's label grid: how many labels per cell, the cell's size, and the node size below which no label. */
  labelDensity: number;
  labelGridCellSize: number;
  labelRenderedSizeThreshold: number;
  /** Pixels kept free around the graph when the camera fits it. */
  stagePadding: number;
  minCameraRatio: number;
  maxCameraRatio: number;
  /** Camera ratio factor of one step of the zoom buttons and keys. */
  zoomStep: number;
  /** The largest camera ratio flying to a node leaves (it zooms in to at least this). */
  flyToRatio: number;
  /** Animation lengths in milliseconds. */
  flyToMs: number;
  zoomMs: number;
  resetMs: number;
}

export const DEFAULT_CANVAS_SETTINGS: Readonly<CanvasSettings> = Object.freeze({
  font: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif',
  labelSize: 12,
  labelWeight: '500',
  labelColor: '#263238',
  edgeLabelSize: 11,
  edgeLabelColor: '#546e7a',
  labelDensity: 0.9,
  labelGridCellSize: 90,
  labelRenderedSizeThreshold: 5,
  stagePadding: 56,
  minCameraRatio: 0.05,
  maxCameraRatio: 8,
  zoomStep: 1.5,
  flyToRatio: 0.6,
  flyToMs: 600,
  zoomMs: 250,
  resetMs: 400,
});

/** Throws an Error naming the setting and what was expected when a value cannot work. */
export function validateCanvasSettings(settings: CanvasSettings): void {
  const positive: (keyof CanvasSettings)[] = [
    'labelSize',
    'edgeLabelSize',
    'labelDensity',
    'labelGridCellSize',
    'minCameraRatio',
    'maxCameraRatio',
    'flyToRatio',
  ];
  for (const key of positive) {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new Error(`Canvas settings: ${key} is ${String(value)}; expected a positive number`);
  }
  const nonNegative: (keyof CanvasSettings)[] = [
    'labelRenderedSizeThreshold',
    'stagePadding',
    'flyToMs',
    'zoomMs',
    'resetMs',
  ];
  for (const key of nonNegative) {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`Canvas settings: ${key} is ${String(value)}; expected a number of at least 0`);
  }
  if (settings.minCameraRatio >= settings.maxCameraRatio)
    throw new Error(
      `Canvas settings: minCameraRatio (${settings.minCameraRatio}) must be below maxCameraRatio (${settings.maxCameraRatio})`,
    );
  if (!(settings.zoomStep > 1))
    throw new Error(`Canvas settings: zoomStep is ${settings.zoomStep}; expected a factor above 1`);
}

/** The defaults with `overrides`, validated. */
export function resolveCanvasSettings(overrides: Partial<CanvasSettings> = {}): CanvasSettings {
  const settings = { ...DEFAULT_CANVAS_SETTINGS, ...overrides };
  validateCanvasSettings(settings);
  return settings;
}

/** The part of sigma's settings these decide. */
export function sigmaSettings(
  settings: CanvasSettings,
): Pick<
  Settings,
  | 'labelFont'
  | 'labelSize'
  | 'labelWeight'
  | 'labelColor'
  | 'edgeLabelFont'
  | 'edgeLabelSize'
  | 'edgeLabelColor'
  | 'labelDensity'
  | 'labelGridCellSize'
  | 'labelRenderedSizeThreshold'
  | 'stagePadding'
  | 'minCameraRatio'
  | 'maxCameraRatio'
> {
  return {
    labelFont: settings.font,
    labelSize: settings.labelSize,
    labelWeight: settings.labelWeight,
    labelColor: { color: settings.labelColor },
    edgeLabelFont: settings.font,
    edgeLabelSize: settings.edgeLabelSize,
    edgeLabelColor: { color: settings.edgeLabelColor },
    labelDensity: settings.labelDensity,
    labelGridCellSize: settings.labelGridCellSize,
    labelRenderedSizeThreshold: settings.labelRenderedSizeThreshold,
    stagePadding: settings.stagePadding,
    minCameraRatio: settings.minCameraRatio,
    maxCameraRatio: settings.maxCameraRatio,
  };
}
