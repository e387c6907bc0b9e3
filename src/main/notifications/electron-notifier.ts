import { Notification } from 'electron';
import type { Notifier } from './notifier';

/** Desktop notifications through Electron (the only Electron import of the notifications). */
export class ElectronNotifier implements Notifier {
  show(title: string, body: string): void {
    if (!Notification.isSupported()) return;
    new Notification({ title, body, silent: false }).show();
  }
}
