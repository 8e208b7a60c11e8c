// End-to-end: the official `openai` npm client (a client nobody here wrote)
// against the real gaiarouter binary with the mock plugin. Plain chat, a
// streamed chat, a tool call loop (plain and streamed), the models list and
// the errors the SDK maps to its own exception classes.
//
// Run by CTest (tests/e2e/CMakeLists.txt) with
//   GAIAROUTER_BINARY      the built gaiarouter executable
//   GAIAROUTER_PLUGIN_DIR  the folder holding gaiarouter_mock.so
// Set GAIAROUTER_KEEP_E2E=1 to keep the temporary folder (config and log).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { STOP_TIMEOUT_MS, gatewayLog, startGateway, stopGateway } from './gateway.mjs';

const ADMIN_KEY = 'gr-test-admin-key-openai-npm-0123456789';

const CONFIG = `server:
  host: 127.0.0.1
  shutdown_grace_s: 2
logging:
  console: true
providers:
  mock:
    plugin: mock
    options:
      stream_delay_ms: 5
`;

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

// Accumulates streamed chunks the way a real client does: content concatenated,
// tool_call deltas merged by index (id/name once, arguments in fragments).
function accumulate(chunks) {
  const result = { content: '', contentChunks: 0, toolCalls: [], finishReasons: [], usageChunks: [], roles: [] };
  for (const chunk of chunks) {
    if (chunk.usage) result.usageChunks.push(chunk);
    for (const choice of chunk.choices) {
      const delta = choice.delta ?? {};
      if (delta.role) result.roles.push(delta.role);
      if (typeof delta.content === 'string' && delta.content.length > 0) {
        result.content += delta.content;
        result.contentChunks += 1;
      }
      for (const call of delta.tool_calls ?? []) {
        const slot = (result.toolCalls[call.index] ??= {
          id: '',
          type: 'function',
          function: { name: '', arguments: '' },
        });
        if (call.id) slot.id = call.id;
        if (call.type) slot.type = call.type;
        if (call.function?.name) slot.function.name += call.function.name;
        if (call.function?.arguments) slot.function.arguments += call.function.arguments;
      }
      if (choice.finish_reason) result.finishReasons.push(choice.finish_reason);
    }
  }
  return result;
}

function assertChatCompletionShape(completion) {
  assert.equal(completion.object, 'chat.completion');
  assert.match(completion.id, /^chatcmpl-/);
  assert.equal(typeof completion.created, 'number');
  assert.ok(Number.isInteger(completion.created) && completion.created > 1_600_000_000, `created ${completion.created}`);
  assert.equal(typeof completion.model, 'string');
  assert.ok(completion.model.length > 0);
  assert.equal(completion.choices.length, 1);
  assert.equal(completion.choices[0].index, 0);
  assert.equal(completion.choices[0].message.role, 'assistant');
}

function assertUsage(usage) {
  assert.ok(usage, 'usage present');
  assert.ok(usage.prompt_tokens > 0, `prompt_tokens ${usage.prompt_tokens}`);
  assert.ok(usage.completion_tokens > 0, `completion_tokens ${usage.completion_tokens}`);
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
}

describe('official openai npm client against gaiarouter', () => {
  let gateway;
  let client;

  before(async () => {
    gateway = await startGateway({ config: CONFIG, adminKey: ADMIN_KEY, prefix: 'gaiarouter-npm-' });
    client = new OpenAI({
      apiKey: ADMIN_KEY,
      baseURL: `http://127.0.0.1:${gateway.port}/v1`,
      timeout: 15_000,
    });
  });

  after(async () => {
    const result = await stopGateway(gateway);
    if (gateway) {
      assert.ok(result !== null, `gaiarouter did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM\n${gateway.output}`);
      assert.equal(result.code, 0, `gaiarouter exit after SIGTERM: ${JSON.stringify(result)}\n${gateway.output}`);
    }
  });

  test('models.list includes the mock models', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      assert.equal(model.object, 'model');
      ids.push(model.id);
    }
    assert.ok(ids.includes('mock/echo'), `models: ${ids.join(', ')}`);
    assert.ok(ids.includes('mock/tools'), `models: ${ids.join(', ')}`);
  });

  test('chat completion', async () => {
    const completion = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'Hello from the openai SDK' }],
    });
    assertChatCompletionShape(completion);
    const [choice] = completion.choices;
    assert.equal(choice.message.content, 'Hello from the openai SDK');
    assert.equal(choice.finish_reason, 'stop');
    assertUsage(completion.usage);
  });

  test('chat completion with withResponse() exposes a request id header', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'headers please' }] })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'headers please');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const requestId = response.headers.get('x-request-id');
    assert.ok(requestId, 'x-request-id header');
    // The SDK exposes that header as _request_id on the parsed object.
    assert.equal(data._request_id, requestId);
  });

  test('streamed chat completion', async () => {
    const text = 'Hello from the openai SDK, streamed word by word';
    const stream = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: text }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    assert.ok(chunks.length > 0, 'no chunks');
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.match(chunk.id, /^chatcmpl-/);
      assert.equal(chunk.id, chunks[0].id, 'every chunk carries the same id');
      assert.equal(typeof chunk.created, 'number');
      assert.equal(typeof chunk.model, 'string');
    }
    const got = accumulate(chunks);
    assert.equal(got.content, text);
    assert.ok(got.contentChunks > 1, `content arrived in ${got.contentChunks} chunk(s)`);
    assert.deepEqual(got.finishReasons, ['stop']);
    assert.ok(got.roles.includes('assistant'), 'a delta with role assistant');

    // With include_usage the last chunk has no choices and carries the usage.
    assert.equal(got.usageChunks.length, 1, 'exactly one chunk with usage');
    const last = chunks.at(-1);
    assert.equal(last, got.usageChunks[0], 'the usage chunk is the last one');
    assert.deepEqual(last.choices, []);
    assertUsage(last.usage);
  });

  test('stream without include_usage has no usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'no usage here' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const got = accumulate(chunks);
    assert.equal(got.content, 'no usage here');
    assert.deepEqual(got.finishReasons, ['stop']);
    assert.deepEqual(got.usageChunks, []);
  });

  test('tool call and follow-up with the tool result', async () => {
    const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.chat.completions.create({
      model: 'mock/echo',
      messages,
      tools: [WEATHER_TOOL],
      tool_choice: 'required',
    });
    assertChatCompletionShape(first);
    const [choice] = first.choices;
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.ok(Array.isArray(choice.message.tool_calls) && choice.message.tool_calls.length === 1, JSON.stringify(choice.message));
    const [call] = choice.message.tool_calls;
    assert.equal(call.type, 'function');
    assert.equal(typeof call.id, 'string');
    assert.ok(call.id.length > 0);
    assert.equal(call.function.name, 'get_weather');
    const args = JSON.parse(call.function.arguments);
    // The mock's arguments: {"input": "<last user text>"} (MockProvider.h).
    assert.deepEqual(args, { input: 'What is the weather in Paris?' });
    assertUsage(first.usage);

    // The SDK user sends back the assistant message exactly as received.
    messages.push(choice.message);
    messages.push({ role: 'tool', tool_call_id: call.id, content: '{"temp":21}' });
    const second = await client.chat.completions.create({
      model: 'mock/echo',
      messages,
      tools: [WEATHER_TOOL],
    });
    assertChatCompletionShape(second);
    assert.equal(second.choices[0].finish_reason, 'stop');
    assert.equal(second.choices[0].message.content, 'Tool result: {"temp":21}');
    assert.ok(!second.choices[0].message.tool_calls?.length, 'no further tool call');
  });

  test('streamed tool call (model mock/tools) and streamed follow-up', async () => {
    const messages = [{ role: 'user', content: 'Weather in Oslo please' }];
    const stream = await client.chat.completions.create({
      model: 'mock/tools',
      messages,
      tools: [WEATHER_TOOL],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const got = accumulate(chunks);

    assert.deepEqual(got.finishReasons, ['tool_calls']);
    assert.equal(got.content, '');
    assert.equal(got.toolCalls.length, 1, JSON.stringify(got.toolCalls));
    const [call] = got.toolCalls;
    assert.ok(call.id.length > 0, 'tool call id');
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.doesNotThrow(() => JSON.parse(call.function.arguments), `arguments ${call.function.arguments}`);
    const argumentFragments = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta?.tool_calls ?? []))
      .filter((d) => d.function?.arguments);
    assert.ok(argumentFragments.length > 1, `arguments arrived in ${argumentFragments.length} fragment(s)`);
    assert.equal(got.usageChunks.length, 1);
    assertUsage(got.usageChunks[0].usage);

    messages.push({ role: 'assistant', content: null, tool_calls: got.toolCalls });
    messages.push({ role: 'tool', tool_call_id: call.id, content: '{"temp":21}' });
    const followUp = await client.chat.completions.create({
      model: 'mock/tools',
      messages,
      tools: [WEATHER_TOOL],
      stream: true,
    });
    const followChunks = [];
    for await (const chunk of followUp) followChunks.push(chunk);
    const reply = accumulate(followChunks);
    assert.equal(reply.content, 'Tool result: {"temp":21}');
    assert.deepEqual(reply.finishReasons, ['stop']);
    assert.deepEqual(reply.toolCalls, []);
  });

  test('a wrong API key throws AuthenticationError (401)', async () => {
    const wrong = new OpenAI({
      apiKey: 'definitely-not-the-admin-key',
      baseURL: `http://127.0.0.1:${gateway.port}/v1`,
      timeout: 15_000,
    });
    await assert.rejects(
      wrong.chat.completions.create({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
      (err) => {
        assert.ok(err instanceof OpenAI.AuthenticationError, `got ${err?.constructor?.name}: ${err?.message}`);
        assert.equal(err.status, 401);
        assert.equal(err.type, 'authentication_error');
        assert.equal(typeof err.message, 'string');
        assert.ok(!err.message.includes(ADMIN_KEY), 'the error does not echo the admin key');
        return true;
      },
    );
  });

  test('an unknown model throws NotFoundError (404, model_not_found)', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'mock/nope', messages: [{ role: 'user', content: 'hi' }] }),
      (err) => {
        assert.ok(err instanceof OpenAI.NotFoundError, `got ${err?.constructor?.name}: ${err?.message}`);
        assert.equal(err.status, 404);
        assert.equal(err.code, 'model_not_found');
        assert.match(err.message, /mock\/nope/);
        return true;
      },
    );
  });

  test('the same unknown model in a stream request also throws before any chunk', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'mock/nope',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
      (err) => {
        assert.ok(err instanceof OpenAI.NotFoundError, `got ${err?.constructor?.name}: ${err?.message}`);
        assert.equal(err.code, 'model_not_found');
        return true;
      },
    );
  });

  test('the gateway logged to GAIAROUTER_LOG_FILE', () => {
    assert.match(gatewayLog(gateway), /listening on http:\/\/127\.0\.0\.1:\d+/);
  });
});
