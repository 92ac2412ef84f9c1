import { recordingAuditor } from '../testing/auditor';
import { auditUrl } from './auditMeta';
import { auditedWrite } from './writeAudit';

const task = {
  action: 'platform:test:write',
  taskId: 't1',
  initiator: 'user:default/jane',
};
const subject = {
  service: 'component:default/orders',
  owner: 'group:default/a',
};

describe('auditedWrite', () => {
  it('fails the event when the action ends without an outcome (a bug, not a silent success)', async () => {
    const { auditor, ended } = recordingAuditor();
    await expect(
      auditedWrite(
        { auditor, eventId: 'test-write' },
        task,
        subject,
        async audit => audit.target({ thing: 'x' }),
      ),
    ).rejects.toThrow(/without saying what it wrote/);
    expect(ended()).toEqual([
      expect.objectContaining({
        status: 'failed',
        meta: { ...task, ...subject, target: { thing: 'x' } },
      }),
    ]);
  });

  it('records what was already written when a later step fails', async () => {
    const { auditor, ended } = recordingAuditor();
    await expect(
      auditedWrite(
        { auditor, eventId: 'test-write' },
        task,
        subject,
        async audit => {
          audit.target({ namespace: 'msa' });
          audit.outcome('created');
          throw new Error('Secret refused');
        },
      ),
    ).rejects.toThrow('Secret refused');
    expect(ended()).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: 'Secret refused',
        meta: {
          ...task,
          ...subject,
          target: { namespace: 'msa' },
          outcome: 'created',
        },
      }),
    ]);
  });

  it('does not write when the auditor cannot record', async () => {
    const { auditor } = recordingAuditor();
    auditor.createEvent.mockRejectedValue(new Error('audit sink down'));
    const write = jest.fn();
    await expect(
      auditedWrite({ auditor, eventId: 'test-write' }, task, subject, write),
    ).rejects.toThrow('audit sink down');
    expect(write).not.toHaveBeenCalled();
  });

  it('keeps the names the write reported over extra meta of the same name', async () => {
    const { auditor, ended } = recordingAuditor();
    await auditedWrite(
      { auditor, eventId: 'test-write' },
      task,
      subject,
      async audit => {
        audit.target({ thing: 'x' });
        audit.outcome('created', { owner: 'group:default/forged', extra: 1 });
      },
    );
    expect(ended()[0].meta).toEqual({
      ...task,
      ...subject,
      target: { thing: 'x' },
      outcome: 'created',
      extra: 1,
    });
  });
});

describe('auditUrl', () => {
  it.each([
    [
      'https://user:tok@git.example:8443/a/b.git?x=1#y',
      'https://git.example:8443/a/b.git',
    ],
    ['http://127.0.0.1:3000/o/r.git', 'http://127.0.0.1:3000/o/r.git'],
    ['not a url', '(not a URL)'],
  ])('%s -> %s', (url, shown) => {
    expect(auditUrl(url)).toBe(shown);
  });
});
