import { describe, expect, test } from 'vitest';
import { ApiError } from '@/api/ApiError';
import { SseParser, buildChatRequest, defaultModel, interpretEvent, streamChat, type ChatRequestBody } from '@/api/chat';

// A stream the way the gateway writes it (docs/api.md), usage with cost last.
const chunk = (content: string) =>
  `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"echo","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}\n\n`;
const STREAM =
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"echo","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n' +
  chunk('Hello') +
  chunk(' brave') +
  chunk(' 世界') +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"echo","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n' +
  ': a comment the client ignores\n\n' +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"echo","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6,"cost":0.000009}}\n\n' +
  'data: [DONE]\n\n';

function parseAll(pieces: string[]): string[] {
  const parser = new SseParser();
  const events = pieces.flatMap((piece) => parser.push(piece));
  return [...events, ...parser.finish()];
}

// Cuts text at the given offsets (in any order).
function cut(text: string, offsets: number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...[...offsets].sort((a, b) => a - b), text.length]) {
    pieces.push(text.slice(from, at));
    from = at;
  }
  return pieces;
}

describe('SseParser', () => {
  const whole = parseAll([STREAM]);

  test('yields the data of every event, skipping comments', () => {
    expect(whole).toHaveLength(7);
    expect(whole[6]).toBe('[DONE]');
    expect(whole.some((data) => data.includes('comment'))).toBe(false);
    expect(JSON.parse(whole[1]).choices[0].delta.content).toBe('Hello');
  });

  test('gives the same events however the text is cut', () => {
    // One character at a time: every boundary, including inside "data:",
    // inside the JSON and between the two newlines that end an event.
    expect(parseAll([...STREAM])).toEqual(whole);
    // Cuts right after "data", after "data:", inside "[DONE]" and in a multi-byte string.
    const at = [STREAM.indexOf('data') + 4, STREAM.indexOf('data') + 5, STREAM.indexOf('[DO') + 3, STREAM.indexOf('世') + 1];
    expect(parseAll(cut(STREAM, at))).toEqual(whole);
  });

  test('handles CRLF line ends even when a chunk ends between CR and LF', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const between = [...crlf.matchAll(/\r\n/g)].map((m) => m.index! + 1);
    expect(parseAll(cut(crlf, between))).toEqual(whole);
    expect(parseAll([...crlf])).toEqual(whole);
  });

  test('a CR at the end of a piece does not end the event early', () => {
    // Taken alone, the "\r" then the "\n" would make a blank line and split the event.
    expect(parseAll(['data: one\r', '\ndata: two\r\n\r\n'])).toEqual(['one\ntwo']);
  });

  test('treats lone CR as a line end', () => {
    expect(parseAll(['data: a\r\rdata: b\r', '\r'])).toEqual(['a', 'b']);
  });

  test('joins the data lines of one event and ignores other fields', () => {
    expect(parseAll(['event: message\nid: 7\ndata: one\ndata:two\nretry: 10\n\n'])).toEqual(['one\ntwo']);
  });

  test('an event without its closing blank line counts at the end of the input', () => {
    const parser = new SseParser();
    expect(parser.push('data: [DONE]')).toEqual([]);
    expect(parser.finish()).toEqual(['[DONE]']);
  });

  test('an event is not yielded before its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual(['{"a":1}']);
  });
});

describe('interpretEvent', () => {
  test('[DONE] ends the stream', () => {
    expect(interpretEvent('[DONE]')).toEqual({ kind: 'done' });
  });

  test('a chunk carries its text, finish reason and usage', () => {
    expect(interpretEvent(JSON.stringify({ model: 'echo', choices: [{ delta: { content: 'Hi' }, finish_reason: null }] }))).toEqual({
      kind: 'chunk',
      content: 'Hi',
      finishReason: null,
      usage: null,
      model: 'echo',
    });
    const last = interpretEvent(
      '{"choices":[],"usage":{"prompt_tokens":2,"completion_tokens":5,"total_tokens":7,"cost":0.000012}}',
    );
    expect(last).toMatchObject({ kind: 'chunk', content: '', usage: { prompt_tokens: 2, completion_tokens: 5, total_tokens: 7, cost: 0.000012 } });
    expect(interpretEvent('{"choices":[{"delta":{},"finish_reason":"length"}]}')).toMatchObject({ finishReason: 'length' });
  });

  test('usage without cost has no cost', () => {
    const event = interpretEvent('{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}');
    expect(event.kind === 'chunk' && event.usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
  });

  test('an error event becomes a readable ApiError', () => {
    const event = interpretEvent(
      '{"error":{"message":"Provider \'mock\' failed.","type":"upstream_error","code":"upstream_error","param":null}}',
    );
    expect(event.kind).toBe('error');
    if (event.kind !== 'error') return;
    expect(event.error).toBeInstanceOf(ApiError);
    expect(event.error.message).toBe("Provider 'mock' failed.");
    expect(event.error.code).toBe('upstream_error');
  });

  test('unreadable data is an error, not an exception', () => {
    const event = interpretEvent('{"choices": [');
    expect(event.kind).toBe('error');
    if (event.kind === 'error') expect(event.error.code).toBe('bad_stream_event');
  });
});

describe('buildChatRequest', () => {
  const conversation = [
    { role: 'user' as const, content: 'Hi' },
    { role: 'assistant' as const, content: 'Hello' },
    { role: 'user' as const, content: 'Again' },
  ];

  test('streams, asks for usage with cost, and puts the system prompt first', () => {
    const body = buildChatRequest({ model: 'mock/echo', system: '  Be brief.  ', temperature: 0.3, maxTokens: 64 }, conversation);
    expect(body).toEqual({
      model: 'mock/echo',
      messages: [{ role: 'system', content: 'Be brief.' }, ...conversation],
      stream: true,
      stream_options: { include_usage: true },
      usage: { include: true },
      temperature: 0.3,
      max_tokens: 64,
    });
  });

  test('leaves out an empty system prompt and unset numbers (the provider decides)', () => {
    const body = buildChatRequest({ model: 'm', system: '   ', temperature: null, maxTokens: null }, conversation);
    expect(body.messages).toEqual(conversation);
    expect('temperature' in body).toBe(false);
    expect('max_tokens' in body).toBe(false);
  });

  test('temperature 0 is sent, not dropped', () => {
    expect(buildChatRequest({ model: 'm', system: '', temperature: 0, maxTokens: null }, conversation).temperature).toBe(0);
  });
});

describe('defaultModel', () => {
  test('prefers mock/echo, then the first available model', () => {
    expect(defaultModel([{ id: 'openai/gpt-4o' }, { id: 'mock/echo' }])).toBe('mock/echo');
    expect(defaultModel([{ id: 'a', available: false }, { id: 'b', available: true }])).toBe('b');
    expect(defaultModel([{ id: 'a', available: false }])).toBe('a');
    expect(defaultModel([])).toBeNull();
  });
});

// A fetch that answers with the given pieces of body, one read each.
function fakeFetch(pieces: string[], init: { status?: number; headers?: Record<string, string> } = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const encoder = new TextEncoder();
  const impl = (async (url: string, requestInit: RequestInit) => {
    calls.push({ url, init: requestInit });
    const signal = requestInit.signal;
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (signal?.aborted) {
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
          return;
        }
        if (index < pieces.length) controller.enqueue(encoder.encode(pieces[index++]));
        else controller.close();
      },
    });
    return new Response(body, {
      status: init.status ?? 200,
      headers: { 'Content-Type': 'text/event-stream', 'X-Request-Id': 'req_abc', ...init.headers },
    });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const BODY: ChatRequestBody = buildChatRequest({ model: 'mock/echo', system: '', temperature: null, maxTokens: null }, [
  { role: 'user', content: 'Hello brave 世界' },
]);

describe('streamChat', () => {
  test('posts the body with the bearer token and relays every delta in order', async () => {
    // Cut in awkward places: inside "data:", inside a multi-byte character's
    // JSON text and between the newlines of an event.
    const { impl, calls } = fakeFetch(cut(STREAM, [3, 120, STREAM.indexOf('世') + 1, STREAM.lastIndexOf('\n') - 1]));
    const deltas: string[] = [];
    const result = await streamChat({ token: 'gr-key-1', body: BODY, onDelta: (d) => deltas.push(d), fetchImpl: impl });
    expect(deltas.join('')).toBe('Hello brave 世界');
    expect(deltas).toEqual(['Hello', ' brave', ' 世界']);
    expect(result).toEqual({
      finishReason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6, cost: 0.000009 },
      requestId: 'req_abc',
      aborted: false,
    });
    expect(calls[0].url).toBe('/v1/chat/completions');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer gr-key-1');
    expect(JSON.parse(String(calls[0].init.body))).toEqual(BODY);
  });

  test('a refusal before the stream is an ApiError with the gateway message and status', async () => {
    const refusal = '{"error":{"message":"This API key was revoked.","type":"authentication_error","code":"api_key_revoked","param":null}}';
    const { impl } = fakeFetch([refusal], { status: 401, headers: { 'Content-Type': 'application/json' } });
    const deltas: string[] = [];
    const failure = streamChat({ token: 'gr-old', body: BODY, onDelta: (d) => deltas.push(d), fetchImpl: impl });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'api_key_revoked', message: 'This API key was revoked.' });
    expect(deltas).toEqual([]);
  });

  test('a 429 from a proxy that is not JSON still reads well', async () => {
    const { impl } = fakeFetch(['<html>Too many</html>'], { status: 429, headers: { 'Content-Type': 'text/html' } });
    await expect(streamChat({ token: 't', body: BODY, onDelta: () => {}, fetchImpl: impl })).rejects.toMatchObject({
      status: 429,
      message: 'The gateway answered HTTP 429.',
    });
  });

  test('an error event mid-stream keeps the text so far and throws its message', async () => {
    const { impl } = fakeFetch([
      chunk('Partial'),
      'data: {"error":{"message":"Provider \'mock\' failed.","type":"upstream_error","code":"upstream_error","param":null}}\n\n',
      'data: [DONE]\n\n',
    ]);
    const deltas: string[] = [];
    const failure = streamChat({ token: 't', body: BODY, onDelta: (d) => deltas.push(d), fetchImpl: impl });
    await expect(failure).rejects.toMatchObject({ message: "Provider 'mock' failed.", code: 'upstream_error' });
    expect(deltas).toEqual(['Partial']);
  });

  test('a stream that stops without [DONE] or a finish reason is reported as incomplete', async () => {
    const { impl } = fakeFetch([chunk('Half')]);
    await expect(streamChat({ token: 't', body: BODY, onDelta: () => {}, fetchImpl: impl })).rejects.toMatchObject({
      code: 'stream_incomplete',
    });
  });

  test('a network failure is a readable ApiError with status 0', async () => {
    const impl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(streamChat({ token: 't', body: BODY, onDelta: () => {}, fetchImpl: impl })).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });

  test('stopping keeps what arrived and reports aborted, not an error', async () => {
    const controller = new AbortController();
    const { impl } = fakeFetch([chunk('First'), chunk(' second'), chunk(' third'), 'data: [DONE]\n\n']);
    const deltas: string[] = [];
    const result = await streamChat({
      token: 't',
      body: BODY,
      signal: controller.signal,
      onDelta: (d) => {
        deltas.push(d);
        controller.abort();
      },
      fetchImpl: impl,
    });
    expect(result.aborted).toBe(true);
    expect(deltas).toEqual(['First']);
  });
});
