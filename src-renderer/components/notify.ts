import { notifications, type NotificationData } from '@mantine/notifications';

/**
 * Shows one notification, replacing the one before: notifications sit in the band under the
 * header, and a stack of them would cover the page's tab row and buttons (issue 16, point 7).
 * Confirmations carry no title, so they keep to one line; failures with a home of their own
 * (a form field, a card) are said there instead, not here.
 */
export function notify(data: NotificationData): void {
  notifications.clean();
  notifications.show(data);
}

/** A one-line confirmation that something was done. */
export function notifyDone(message: string, autoClose = 4000): void {
  notify({ color: 'green', message, autoClose });
}
