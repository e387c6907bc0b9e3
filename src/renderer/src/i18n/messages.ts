import * as backup from './messages/backup';
import * as core from './messages/core';
import * as counts from './messages/counts';
import * as dashboard from './messages/dashboard';
import * as errors from './messages/errors';
import * as forecast from './messages/forecast';
import * as journal from './messages/journal';
import * as labels from './messages/labels';
import * as movements from './messages/movements';
import * as onboarding from './messages/onboarding';
import * as printing from './messages/printing';
import * as purchasing from './messages/purchasing';
import * as sell from './messages/sell';
import * as sync from './messages/sync';

/**
 * UI strings, one file per domain under messages/. French is the default; every key exists in both
 * languages (checked by a unit test).
 */
export const fr = { ...core.fr, ...sell.fr, ...forecast.fr, ...purchasing.fr, ...onboarding.fr, ...counts.fr, ...printing.fr, ...journal.fr, ...movements.fr, ...dashboard.fr, ...backup.fr, ...sync.fr, ...labels.fr, ...errors.fr };

export type MessageKey = keyof typeof fr;

export const en: Record<MessageKey, string> = { ...core.en, ...sell.en, ...forecast.en, ...purchasing.en, ...onboarding.en, ...counts.en, ...printing.en, ...journal.en, ...movements.en, ...dashboard.en, ...backup.en, ...sync.en, ...labels.en, ...errors.en };

export const MESSAGES = { fr, en } as const;
