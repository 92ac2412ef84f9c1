// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the two-replica test's pure log readers (scripts/replicas)
import {
  countRoundsByReplica,
  executionsByTask,
  hitRatio,
} from '../../../scripts/replicas/evidence.ts';

// Lines as the backend writes them in development format (coloured), trimmed to what the readers look at.
const ID = '78b230c1-6bd1-45a2-b006-f80581275345';
const OTHER = '11111111-2222-4333-8444-555555555555';
const audit = (time: string, id: string, actionType: string, status: string) =>
  `\u001b[2m${time}\u001b[22m \u001b[34mscaffolder\u001b[39m \u001b[32minfo\u001b[39m scaffolder.task \u001b[36mreplica\u001b[39m="a" isAuditEvent=true eventId="task" meta={"actionType":"${actionType}","createdBy":"user:default/guest","taskId":"${id}","taskParameters":{"description":"a status=\\"succeeded\\" b"}} \u001b[36mstatus\u001b[39m="${status}"`;

describe('executionsByTask', () => {
  it('pairs the execution events of each task and ignores its creation', () => {
    const log = [
      audit('2026-12-06T07:19:33.350Z', ID, 'create', 'succeeded'),
      audit('2026-12-06T07:19:33.404Z', ID, 'execution', 'initiated'),
      audit('2026-12-06T07:19:34.000Z', OTHER, 'execution', 'initiated'),
      'not a log line',
      audit('2026-12-06T07:19:50.000Z', ID, 'execution', 'succeeded'),
    ].join('\n');
    const executions = executionsByTask(log);
    expect(executions.get(ID)).toEqual({
      initiated: ['2026-12-06T07:19:33.404Z'],
      ended: ['2026-12-06T07:19:50.000Z'],
    });
    // started and never ended on this replica: it was running there
    expect(executions.get(OTHER)).toEqual({
      initiated: ['2026-12-06T07:19:34.000Z'],
      ended: [],
    });
    expect(executions.size).toBe(2);
  });

  it('does not read a status out of user input inside the event', () => {
    const log = audit('2026-12-06T07:19:33.404Z', ID, 'execution', 'initiated');
    expect(executionsByTask(log).get(ID)?.ended).toEqual([]);
  });
});

describe('countRoundsByReplica', () => {
  const round = (time: string) =>
    `${time} platform debug Platform notifications: checked 2 components, sent 0 replica="x"`;
  it('counts the watcher rounds of each replica from a point in time on', () => {
    const a = [
      round('2026-12-06T07:00:00.000Z'),
      round('2026-12-06T07:00:10.000Z'),
      'Platform notifications: checked without a timestamp',
    ].join('\n');
    const b = [
      round('2026-12-06T07:00:20.000Z'),
      '2026-12-06T07:00:21.000Z platform warn something else',
    ].join('\n');
    expect(
      countRoundsByReplica({ a, b }, new Date('2026-12-06T07:00:05Z')),
    ).toEqual({ a: 1, b: 1 });
  });
});

describe('hitRatio', () => {
  it('counts a second read with the first read’s fetchedAt as a hit, anything else as a miss', () => {
    const first = {
      argocd: { ok: true, fetchedAt: '2026-12-06T07:00:00.000Z' },
      alerts: { ok: true, fetchedAt: '2026-12-06T07:00:00.100Z' },
      builds: { ok: false },
    };
    const second = {
      argocd: { ok: true, fetchedAt: '2026-12-06T07:00:00.000Z' },
      alerts: { ok: true, fetchedAt: '2026-12-06T07:00:01.000Z' },
      builds: { ok: true, fetchedAt: '2026-12-06T07:00:01.000Z' },
      logs: { ok: false },
    };
    expect(hitRatio([[first, second]])).toEqual({
      reads: 3,
      hits: 1,
      ratio: 1 / 3,
    });
  });

  it('is 0, not NaN, without successful reads', () => {
    expect(hitRatio([[{}, { argocd: { ok: false } }]])).toEqual({
      reads: 0,
      hits: 0,
      ratio: 0,
    });
  });
});
