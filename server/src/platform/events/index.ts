export { appendToOutbox, defineEvent, outboxInsert } from './event.ts';
export type { DeliveredEvent, EventDef, Handler } from './event.ts';
export { createEventBus } from './event-bus.ts';
export type { EventBus, EventBusOptions } from './event-bus.ts';
