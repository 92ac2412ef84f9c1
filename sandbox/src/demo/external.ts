/**
 * A caller outside the mesh (a cron job, a developer's curl) reaching login-js directly, without trace
 * context: Istio reports it as `source_workload="unknown"`, Tempo's service graph as the virtual node `user`.
 */
import http from 'node:http';

export function startExternalCaller(o: {
  loginJsUrl: string;
  everyMs: number;
}): { stop: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const timer = setInterval(() => {
    const req = http.request(
      `${o.loginJsUrl}/session`,
      { method: 'GET', agent, timeout: 5000 },
      res => res.resume(),
    );
    req.on('error', () => undefined);
    req.on('timeout', () => req.destroy());
    req.end();
  }, o.everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      agent.destroy();
    },
  };
}
