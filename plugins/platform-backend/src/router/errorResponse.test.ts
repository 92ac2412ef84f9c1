import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { UriTooLongError } from '../service/errors';
import { errorResponse } from './errorResponse';

const GET = { method: 'GET', url: '/v1/entities/default/component/x/logs' };

describe('errorResponse', () => {
  it.each([
    [
      new InputError('Invalid request: limit is given 2 times; give it once'),
      400,
    ],
    [new NotAllowedError('not allowed to read component:default/x'), 403],
    [new NotFoundError('component:default/x not found'), 404],
    [new ConflictError('an operation is already in progress'), 409],
    [new UriTooLongError('the query string is 5000 characters'), 414],
  ])(
    'keeps name and message of %s, with status %s, and no stack',
    (error, status) => {
      const { status: got, body } = errorResponse(error, GET, 'id');
      expect(got).toBe(status);
      expect(body).toEqual({
        error: { name: error.name, message: error.message },
        request: GET,
        response: { statusCode: status },
      });
    },
  );

  it('never carries a stack or a cause', () => {
    const error = new InputError(
      'bad',
      new Error('cause at /srv/app/node_modules/x/index.js:1:2'),
    );
    const text = JSON.stringify(errorResponse(error, GET, 'id').body);
    expect(text).not.toMatch(/"stack"|"cause"|node_modules|\/srv\/|\.js:\d/);
  });

  it('cuts file paths out of a known message', () => {
    const error = new InputError(
      "ENOENT: no such file or directory, open '/work/app/packages/backend/dist/x.json' (file:///C:/a/b.js, C:\\srv\\app\\y.js)",
    );
    const { message } = errorResponse(error, GET, 'id').body.error;
    expect(message).toBe(
      "ENOENT: no such file or directory, open '<path>' (<path>, <path>)",
    );
  });

  it('leaves URLs and relative names alone', () => {
    const message =
      'Argo CD at http://127.0.0.1:17081/api/v1/applications/x answered 502; job msa/msa-nginx';
    expect(
      errorResponse(new InputError(message), GET, 'id').body.error.message,
    ).toBe(message);
  });

  it('answers an unexpected error with a 500 pointing to the log, not its text', () => {
    const error = new TypeError(
      "Cannot read properties of undefined (reading 'x') at /srv/app/src/service.ts:10",
    );
    expect(errorResponse(error, GET, 'abc123').body).toEqual({
      error: {
        name: 'Error',
        message:
          'Internal error in the platform backend; the server log has it under logId=abc123',
      },
      request: GET,
      response: { statusCode: 500 },
    });
    expect(errorResponse('a string', GET, 'x').status).toBe(500);
  });

  it('keeps a status an error carries (a body parser 413) and shortens a long URL', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
    });
    const { status, body } = errorResponse(
      tooLarge,
      { method: 'POST', url: `/x?${'a'.repeat(1000)}` },
      'id',
    );
    expect(status).toBe(413);
    expect(body.error.message).toBe('request entity too large');
    expect(body.request.url).toHaveLength(259);
  });
});
