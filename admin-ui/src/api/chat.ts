import { ApiError, apiErrorFrom } from './ApiError';
import { http } from './client';

// Streaming chat for the playground: POST /v1/chat/completions with
// stream:true, read through fetch() (axios cannot hand over a browser
// response body as it arrives) and parsed as server-sent events.

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost?: number; // USD, present because the request asks for usage.include
}

export interface ChatSettings {
  model: string;
  system: string;
  temperature: number | null; // null: the provider's default
  maxTokens: number | null;
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  stream: true;
  stream_options: { include_usage: true };
  usage: { include: true };
  temperature?: number;
  max_tokens?: number;
}

// The request body: the system prompt (when there is one) first, then the
// conversation; usage (with its cost) comes as the stream's last chunk.
export function buildChatRequest(settings: ChatSettings, conversation: ChatMessage[]): ChatRequestBody {
  const messages: ChatMessage[] = [];
  const system = settings.system.trim();
  if (system) messages.push({ role: 'system', content: system });
  for (const message of conversation) messages.push({ role: message.role, content: message.content });
  const body: ChatRequestBody = {
    model: settings.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    usage: { include: true },
  };
  if (settings.temperature !== null) body.temperature = settings.temperature;
  if (settings.maxTokens !== null) body.max_tokens = settings.maxTokens;
  return body;
}

// Server-sent events, incrementally: feed it text as it arrives, in pieces
// cut anywhere (inside a line, between "\r" and "\n"); it returns the data of
// each event completed so far. Comment lines (":") and fields other than
// `data` are ignored; several `data` lines of one event are joined by "\n".
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  push(text: string): string[] {
    this.buffer += text;
    const events: string[] = [];
    for (;;) {
      const end = this.lineEnd();
      if (end === null) break;
      const line = this.buffer.slice(0, end.at);
      this.buffer = this.buffer.slice(end.at + end.length);
      this.line(line, events);
    }
    return events;
  }

  // The end of the input: a last event without its blank line still counts.
  finish(): string[] {
    const events: string[] = [];
    if (this.buffer.length > 0) {
      this.line(this.buffer.replace(/\r$/, ''), events);
      this.buffer = '';
    }
    this.line('', events);
    return events;
  }

  private lineEnd(): { at: number; length: number } | null {
    const match = /\r\n|\r|\n/.exec(this.buffer);
    if (!match) return null;
    // A "\r" at the very end may be the first half of "\r\n": wait for more.
    if (match[0] === '\r' && match.index === this.buffer.length - 1) return null;
    return { at: match.index, length: match[0].length };
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}

// What one event of the stream means to the playground.
export type StreamEvent =
  | { kind: 'done' }
  | { kind: 'chunk'; content: string; finishReason: string | null; usage: ChatUsage | null; model: string | null }
  | { kind: 'error'; error: ApiError };

interface ChunkBody {
  model?: unknown;
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: Partial<ChatUsage> | null;
  error?: unknown;
}

function usageFrom(raw: Partial<ChatUsage> | null | undefined): ChatUsage | null {
  if (!raw || typeof raw !== 'object') return null;
  const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const usage: ChatUsage = {
    prompt_tokens: number(raw.prompt_tokens),
    completion_tokens: number(raw.completion_tokens),
    total_tokens: number(raw.total_tokens),
  };
  if (typeof raw.cost === 'number' && Number.isFinite(raw.cost)) usage.cost = raw.cost;
  return usage;
}

// One event's data: `[DONE]`, a chat.completion.chunk, or the gateway's
// {"error": {...}} for a failure after the stream began.
export function interpretEvent(data: string): StreamEvent {
  if (data.trim() === '[DONE]') return { kind: 'done' };
  let body: ChunkBody;
  try {
    body = JSON.parse(data) as ChunkBody;
  } catch {
    return { kind: 'error', error: new ApiError('The gateway sent an unreadable stream event.', 200, 'bad_stream_event') };
  }
  if (!body || typeof body !== 'object') {
    return { kind: 'error', error: new ApiError('The gateway sent an unreadable stream event.', 200, 'bad_stream_event') };
  }
  // The stream's HTTP status was 200; the error object says what failed.
  if (body.error) return { kind: 'error', error: apiErrorFrom(200, { error: body.error }) };
  let content = '';
  let finishReason: string | null = null;
  for (const choice of body.choices ?? []) {
    const piece = choice?.delta?.content;
    if (typeof piece === 'string') content += piece;
    if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
  }
  return {
    kind: 'chunk',
    content,
    finishReason,
    usage: usageFrom(body.usage),
    model: typeof body.model === 'string' ? body.model : null,
  };
}

export interface StreamChatOptions {
  token: string;
  body: ChatRequestBody;
  signal?: AbortSignal;
  onDelta: (text: string) => void;
  fetchImpl?: typeof fetch; // tests pass their own
}

export interface StreamChatResult {
  finishReason: string | null;
  usage: ChatUsage | null;
  requestId: string | null;
  aborted: boolean; // the user stopped it; what arrived before stays
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : e instanceof Error && e.name === 'AbortError';
}

// Sends the request and relays the answer's text as it streams. Throws an
// ApiError for a refusal before the stream (with the gateway's status and
// message), for an error event in it, and for a stream cut short.
export async function streamChat(options: StreamChatOptions): Promise<StreamChatResult> {
  const doFetch = options.fetchImpl ?? fetch;
  const result: StreamChatResult = { finishReason: null, usage: null, requestId: null, aborted: false };
  let response: Response;
  try {
    response = await doFetch('/v1/chat/completions', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.token}`,
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
      },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (isAbort(e)) return { ...result, aborted: true };
    throw apiErrorFrom(0, null);
  }
  result.requestId = response.headers.get('x-request-id');
  if (!response.ok) {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The status alone still says what happened.
    }
    throw apiErrorFrom(response.status, text);
  }
  if (!response.body) throw new ApiError('The gateway sent no stream.', response.status, 'bad_stream_event');

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let done = false;
  const handle = (events: string[]): void => {
    for (const data of events) {
      if (done) return;
      const event = interpretEvent(data);
      if (event.kind === 'done') {
        done = true;
      } else if (event.kind === 'error') {
        throw event.error;
      } else {
        if (event.content) options.onDelta(event.content);
        if (event.finishReason) result.finishReason = event.finishReason;
        if (event.usage) result.usage = event.usage;
      }
    }
  };
  try {
    while (!done) {
      const { value, done: ended } = await reader.read();
      // Stopped: text already buffered must not appear after the stop.
      if (options.signal?.aborted) return { ...result, aborted: true };
      if (ended) {
        handle(parser.push(decoder.decode()));
        handle(parser.finish());
        break;
      }
      handle(parser.push(decoder.decode(value, { stream: true })));
    }
  } catch (e) {
    if (isAbort(e)) return { ...result, aborted: true };
    if (e instanceof ApiError) throw e;
    throw new ApiError('The connection to the gateway was lost during the answer.', 0, 'stream_interrupted');
  } finally {
    // After [DONE], an error event or a stop: nothing more is wanted.
    reader.cancel().catch(() => {});
  }
  if (!done && result.finishReason === null) {
    throw new ApiError('The answer stopped before it was complete.', 0, 'stream_incomplete');
  }
  return result;
}

export interface ChatModel {
  id: string;
  name?: string;
  owned_by?: string;
  available?: boolean;
}

// The models to pick from (GET /v1/models with the session's token; the
// registry is the same for every key).
export async function fetchChatModels(): Promise<ChatModel[]> {
  const answer = await http.get<{ data: ChatModel[] }>('/v1/models');
  return answer.data.data ?? [];
}

// mock/echo when the gateway has it (it answers without provider keys),
// else the first available model, else the first one.
export function defaultModel(models: ChatModel[]): string | null {
  if (models.some((m) => m.id === 'mock/echo')) return 'mock/echo';
  return models.find((m) => m.available !== false)?.id ?? models[0]?.id ?? null;
}
