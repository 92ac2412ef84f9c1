import { Request, Response } from 'express';
import { hash } from 'node:crypto';

/*
 * Conditional GETs of the JSON routes. A response is built from cached upstream answers, so while the cache
 * entries live the same request gets the very same text: its ETag lets a browser revalidate (If-None-Match)
 * and get a 304 without the body. Only 200 answers go through here: a denied or missing entity throws before,
 * and the error handler's 403/404 never turns into a 304, whatever the caller sends.
 */

/** Every answer is per caller (the catalog read and the permission are the caller's): never in a shared cache. */
export const JSON_CACHE_CONTROL = 'private, no-cache';

/**
 * The weak ETag of a response body: sha1 of its exact text (a few µs for a typical answer). Weak because the
 * same document may be sent compressed or not.
 */
export function etagOf(text: string): string {
  return `W/"${hash('sha1', text, 'base64url')}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag` (weak comparison, RFC 9110 13.1.2): `*`, or one of the
 * listed entity tags with or without `W/`.
 */
export function ifNoneMatchHits(
  header: string | undefined,
  etag: string,
): boolean {
  if (!header) {
    return false;
  }
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return header.split(',').some(item => {
    const tag = item.trim();
    return tag === '*' || tag === opaque || tag === `W/${opaque}`;
  });
}

/**
 * Writes a JSON answer with its ETag and `Cache-Control`, or a 304 without a body when the request's
 * `If-None-Match` holds that ETag. Unlike `res.json`, the content type is not re-parsed and the text is
 * written with its headers in one go.
 */
export function sendJson(req: Request, res: Response, text: string): void {
  const etag = etagOf(text);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', JSON_CACHE_CONTROL);
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
