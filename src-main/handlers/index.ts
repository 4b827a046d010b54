import type { Services } from '../services';
import { appHandlers } from './app';
import { catalogHandlers } from './catalog';
import { chartHandlers } from './chart';
import { deployHandlers } from './deploy';
import { distributionHandlers } from './distribution';
import { reviewHandlers } from './review';
import type { HandlerMap } from './registry';
import { uiHandlers } from './ui';
import { valuesHandlers } from './values';

/** The one place mapping every contract name to a domain call. */
export function createHandlers(services: Services): HandlerMap {
  return {
    ...appHandlers(services),
    ...catalogHandlers(services),
    ...chartHandlers(services),
    ...deployHandlers(services),
    ...distributionHandlers(services),
    ...reviewHandlers(services),
    ...uiHandlers(services),
    ...valuesHandlers(services),
  };
}
