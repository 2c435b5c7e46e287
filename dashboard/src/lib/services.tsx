import { createContext, useContext, type ReactNode } from 'react';
import type { Backend } from './backend';
import type { Clock } from './clock';
import type { HashRouter } from './hash-route';
import type { LiveClient } from './live/live-client';

/** What the features talk to: made once by the app, handed down through context (tests pass fakes). */
export interface Services {
  readonly backend: Backend;
  readonly live: LiveClient;
  readonly router: HashRouter;
  readonly clock: Clock;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { readonly services: Services; readonly children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export const useServices = (): Services => {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices outside <ServicesProvider>');
  return services;
};
