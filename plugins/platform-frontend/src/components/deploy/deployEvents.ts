import { useEffect, useRef } from 'react';

/** A deploy this browser committed: which entity (its string ref) and which image tag it set. */
export interface DeployEvent {
  entityRef: string;
  tag: string;
}

type Listener = (event: DeployEvent) => void;

const listeners = new Set<Listener>();

/**
 * Tells the cards of the same page that a deploy was committed. The Builds card and the Argo CD card are
 * separate extensions without a common parent, so they meet here rather than through props.
 */
export function announceDeploy(event: DeployEvent): void {
  for (const listener of [...listeners]) listener(event);
}

/** Calls `onDeploy` for each deploy of `entityRef` announced while the component is mounted. */
export function useDeployAnnouncements(
  entityRef: string,
  onDeploy: (event: DeployEvent) => void,
): void {
  const latest = useRef(onDeploy);
  latest.current = onDeploy;
  useEffect(() => {
    const listener: Listener = event => {
      if (event.entityRef === entityRef) latest.current(event);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [entityRef]);
}
