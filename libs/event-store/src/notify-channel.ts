/** The channel PostgresEventStore notifies (empty payload) after appends commit: a wake-up hint only. */
export const EVENTS_NOTIFY_CHANNEL = 'donthu_events';
