import type { Detector } from '../lib/types.js';
import { base64Json } from '../lib/base64.js';
import { L, R, RB, RD, UUID, contextual, prefixed, re } from './helpers.js';

const openai = { reference: 'https://platform.openai.com/docs/api-reference/authentication', gitleaks: ['openai-api-key'], secretlint: ['@secretlint/secretlint-rule-openai'] };

/** AI and ML platforms. */
export const AI_DETECTORS: Detector[] = [
  // "T3BlbkFJ" is base64 of "OpenAI", embedded in every OpenAI key
  prefixed('openai-api-key', 'OpenAI API key (user key)', 'OpenAI', ['t3blbkfj'], `${L}(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${R}`, { kingfisher: ['kingfisher.openai.1'], ...openai }),
  prefixed('openai-project-key', 'OpenAI project API key', 'OpenAI', ['sk-proj-'], `${L}(sk-proj-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})${RD}`, openai),
  // `sk-svcacct-…`; the first service-account keys (mid-2024) carried the account's own name instead, `sk-<name>-…`
  // (letters, digits and hyphens), the same body around the marker
  prefixed(
    'openai-service-account-key',
    'OpenAI service-account API key',
    'OpenAI',
    ['t3blbkfj'],
    `${L}(sk-svcacct-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|sk-(?!(?:proj|svcacct|None|admin)-)[A-Za-z0-9][A-Za-z0-9-]{0,49}-[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})${RD}`,
    openai,
  ),
  // `sk-None-…`: a key made without a project (the "None" project), same body as project keys
  prefixed('openai-legacy-project-key', 'OpenAI API key (no project)', 'OpenAI', ['sk-none-'], `${L}(sk-None-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})${RD}`, openai),
  prefixed('openai-admin-key', 'OpenAI admin API key', 'OpenAI', ['sk-admin-'], `${L}(sk-admin-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})${RD}`, openai),
  prefixed('anthropic-api-key', 'Anthropic API key', 'Anthropic', ['sk-ant-api'], `${L}(sk-ant-api03-[A-Za-z0-9_-]{93}AA)${RD}`, {
    kingfisher: ['kingfisher.anthropic.1'],
    reference: 'https://docs.anthropic.com/en/api/getting-started',
    gitleaks: ['anthropic-api-key'],
    secretlint: ['@secretlint/secretlint-rule-anthropic'],
  }),
  prefixed('anthropic-admin-key', 'Anthropic admin API key', 'Anthropic', ['sk-ant-admin'], `${L}(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)${RD}`, { gitleaks: ['anthropic-admin-api-key'], secretlint: ['@secretlint/secretlint-rule-anthropic'] }),
  // Claude Code's OAuth access (`oat`) and refresh (`ort`) tokens, as stored by `claude setup-token` or CLAUDE_CODE_OAUTH_TOKEN
  prefixed('anthropic-oauth-token', 'Anthropic (Claude Code) OAuth token', 'Anthropic', ['sk-ant-oat', 'sk-ant-ort'], `${L}(sk-ant-o(?:at|rt)\\d{2}-[A-Za-z0-9_-]{40,200})${RD}`, {
    minEntropy: 4,
    validate: (s) => (s.startsWith('sk-ant-ort') ? { note: 'a refresh token: it mints new access tokens until revoked' } : true),
    gitleaks: ['claude-code-oauth-token'],
    reference: 'https://docs.anthropic.com/en/docs/claude-code/iam',
  }),
  prefixed('huggingface-token', 'Hugging Face access token', 'Hugging Face', ['hf_'], `${L}(hf_[A-Za-z]{34})${R}`, { kingfisher: ['kingfisher.huggingface.1'],
    minEntropy: 3.5,
    reference: 'https://huggingface.co/docs/hub/security-tokens',
    gitleaks: ['huggingface-access-token'],
  }),
  prefixed('huggingface-org-token', 'Hugging Face organisation API token', 'Hugging Face', ['api_org_'], `${L}(api_org_[A-Za-z]{34})${R}`, { kingfisher: ['kingfisher.huggingface.1'], minEntropy: 3.5, gitleaks: ['huggingface-organization-api-token'] }),
  prefixed('replicate-api-token', 'Replicate API token', 'Replicate', ['r8_'], `${L}(r8_[A-Za-z0-9]{37})${R}`, { kingfisher: ['kingfisher.replicate.1'] }),
  prefixed('groq-api-key', 'Groq API key', 'Groq', ['gsk_'], `${L}(gsk_[A-Za-z0-9]{52})${R}`, { kingfisher: ['kingfisher.groq.1'], gitleaks: ['groq-api-key'] }),
  prefixed('jina-api-key', 'Jina AI API key', 'Jina AI', ['jina_'], `${L}(jina_[A-Za-z0-9]{60})${R}`, { minEntropy: 3.5, reference: 'https://jina.ai/embeddings/' }),
  prefixed('tavily-api-key', 'Tavily API key', 'Tavily', ['tvly-'], `${L}(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${R}`, { minEntropy: 3.5, reference: 'https://docs.tavily.com/documentation/api-reference/introduction' }),
  prefixed('perplexity-api-key', 'Perplexity API key', 'Perplexity', ['pplx-'], `${L}(pplx-[A-Za-z0-9]{48})${R}`, { gitleaks: ['perplexity-api-key'] }),
  prefixed('xai-api-key', 'xAI API key', 'xAI', ['xai-'], `${L}(xai-[A-Za-z0-9]{80})${R}`, { kingfisher: ['kingfisher.xai.1'] }),
  prefixed('openrouter-api-key', 'OpenRouter API key', 'OpenRouter', ['sk-or-v1-'], `${L}(sk-or-v1-[a-f0-9]{64})${R}`),
  prefixed('langsmith-api-key', 'LangSmith API key', 'LangChain', ['lsv2_'], `${L}(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${R}`, { gitleaks: ['langsmith-api-key'] }),
  prefixed('pinecone-api-key', 'Pinecone API key', 'Pinecone', ['pcsk_'], `${L}(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80})${R}`),
  // Azure OpenAI / Azure AI services keys: 32 hex characters (older resources) or the 84-character Azure format
  contextual('azure-openai-api-key', 'Azure OpenAI / Azure AI services API key', 'Microsoft Azure OpenAI', ['azure'], 'azure[_.-]?(?:openai|cognitive[_.-]?services?|ai[_.-]?services?)[\\w.-]{0,20}?(?:api[_.-]?)?key', '[a-f0-9]{32}|[A-Za-z0-9]{52}JQQJ9[A-Za-z0-9]{27}', {
    kingfisher: ['kingfisher.azureopenai.1'],
    severity: 'high',
    reference: 'https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#authentication',
  }),
  contextual('cohere-api-key', 'Cohere API key', 'Cohere', ['cohere', 'co_api_key'], 'cohere[\\w.-]{0,20}(?:api_?key|key|token)|co_api_key', '[A-Za-z0-9]{40}', { severity: 'high', minEntropy: 4, gitleaks: ['cohere-api-token'] }),
  contextual('mistral-api-key', 'Mistral AI API key', 'Mistral AI', ['mistral'], 'mistral[\\w.-]{0,20}(?:api_?key|key|token)', '[A-Za-z0-9]{32}', { severity: 'high', minEntropy: 4 }),
  contextual('wandb-api-key', 'Weights & Biases API key', 'Weights & Biases', ['wandb'], 'wandb[\\w.-]{0,20}(?:api_?key|key)', '[a-f0-9]{40}', { severity: 'high' }),
  contextual('deepseek-api-key', 'DeepSeek API key', 'DeepSeek', ['deepseek'], 'deepseek[\\w.-]{0,20}(?:api_?key|key)', 'sk-[a-f0-9]{32}', { severity: 'high' }),
  contextual('assemblyai-api-key', 'AssemblyAI API key', 'AssemblyAI', ['assemblyai', 'assembly_ai'], 'assembly_?ai[\\w.-]{0,20}(?:api_?key|key)', '[a-f0-9]{32}', { kingfisher: ['kingfisher.assemblyai.1'], severity: 'high' }),
  contextual('elevenlabs-api-key', 'ElevenLabs API key', 'ElevenLabs', ['elevenlabs', 'xi_api_key', 'xi-api-key', 'xi_api-key', 'xi-api_key'], 'elevenlabs[\\w.-]{0,20}(?:api_?key|key)|xi[_-]api[_-]key', 'sk_[a-f0-9]{48}', { kingfisher: ['kingfisher.elevenlabs.1'], severity: 'high' }),
  prefixed('nvidia-api-key', 'NVIDIA API key (NIM / NGC)', 'NVIDIA', ['nvapi-'], `${L}(nvapi-[A-Za-z0-9_-]{64})${RD}`, {
    minEntropy: 4,
    reference: 'https://docs.api.nvidia.com/nim/docs/api-quickstart',
    kingfisher: ['kingfisher.nvidia.nim.1'],
  }),
  // DeepL API Free keys are a UUID followed by `:fx`; Pro keys are the bare UUID, sent as `DeepL-Auth-Key <key>`
  {
    id: 'deepl-api-key',
    name: 'DeepL API key',
    vendor: 'DeepL',
    keywords: [':fx', 'deepl-auth-key'],
    keywordContext: 'every match holds one: `:fx` after the UUID (checked by a look-ahead the analysis cannot read) or the `DeepL-Auth-Key` scheme before it',
    regex: re(`(?:DeepL-Auth-Key\\s{1,4}|(?<![A-Za-z0-9_-])(?=[0-9a-f-]{36}:fx))(${UUID}(?::fx)?)(?![A-Za-z0-9_-])`, 'gi'),
    minEntropy: 3,
    severity: 'high',
    reference: 'https://developers.deepl.com/docs/getting-started/auth',
    kingfisher: ['kingfisher.deepl.1'],
  },
  contextual('deepl-pro-api-key', 'DeepL API Pro key', 'DeepL', ['deepl'], 'deepl[\\w.-]{0,20}(?:auth_?key|api_?key|key|token)', `${UUID}(?!:fx)`, {
    reference: 'https://developers.deepl.com/docs/getting-started/auth',
    kingfisher: ['kingfisher.deepl.2'],
  }),
  contextual('deepgram-api-key', 'Deepgram API key', 'Deepgram', ['deepgram'], 'deepgram[\\w.-]{0,20}(?:api_?key|key|token|secret|api)', '[a-f0-9]{40}', {
    minEntropy: 3.3,
    reference: 'https://developers.deepgram.com/docs/authenticating',
    kingfisher: ['kingfisher.deepgram.1'],
  }),
  // Voiceflow Dialog Manager / workspace API keys: `VF.DM.` or `VF.WS.`, a 24-hex id, `.` and 16 characters
  prefixed('voiceflow-api-key', 'Voiceflow API key', 'Voiceflow', ['vf.dm.', 'vf.ws.'], `${L}(VF\\.(?:DM|WS)\\.[a-f0-9]{24}\\.[A-Za-z0-9]{16})${R}`, { severity: 'high', minEntropy: 3.5, reference: 'https://docs.voiceflow.com/reference/authentication' }),

  // Langfuse (LLM tracing) secret keys: `sk-lf-` and a UUID (the `pk-lf-` public key beside it is not secret)
  prefixed('langfuse-secret-key', 'Langfuse secret API key', 'Langfuse', ['sk-lf-'], `${L}(sk-lf-${UUID})${RD}`, { severity: 'high', reference: 'https://langfuse.com/faq/all/lost-secret-key' }),
  // Neptune.ai API tokens: base64 of `{"api_address":…,"api_url":…,"api_key":…}`, so they start `eyJhcGlfYWRkcmVzcyI6`
  prefixed('neptune-api-token', 'Neptune.ai API token', 'Neptune.ai', ['eyjhcglfywrkcmvzcyi6'], `${L}(eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/]{60,600}={0,2})${RB}`, {
    severity: 'high',
    validate: (s) => {
      const json = base64Json(s);
      return json !== undefined && typeof json.api_key === 'string' && json.api_key.length >= 16;
    },
    reference: 'https://docs.neptune.ai/setup/setting_api_token/',
  }),

  // Cerebras Inference API keys: `csk-` and 48 letters and digits
  prefixed('cerebras-api-key', 'Cerebras API key', 'Cerebras', ['csk-'], `${L}(csk-[A-Za-z0-9]{48})${R}`, { severity: 'high', minEntropy: 3.5, reference: 'https://inference-docs.cerebras.ai/quickstart' }),

  // Fireworks AI API keys: `fw_` and letters and digits; the prefix is short, so only in a file that mentions Fireworks
  prefixed('fireworks-api-key', 'Fireworks AI API key', 'Fireworks AI', ['fireworks'], `${L}(fw_[A-Za-z0-9]{20,48})${R}`, {
    prefixed: false,
    severity: 'high',
    minEntropy: 3.8,
    keywordContext: 'the `fw_` prefix is short: only in a file that mentions Fireworks (FIREWORKS_API_KEY, api.fireworks.ai)',
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)) && /[0-9]/.test(s),
    reference: 'https://docs.fireworks.ai/api-reference/introduction',
  }),
  // Firecrawl (web scraping for LLMs) API keys: `fc-` and 32 hex; the prefix is short, so only in a file that mentions Firecrawl
  prefixed('firecrawl-api-key', 'Firecrawl API key', 'Firecrawl', ['firecrawl'], `${L}(fc-[a-f0-9]{32})${R}`, {
    prefixed: false,
    severity: 'high',
    keywordContext: 'the `fc-` prefix is short: only in a file that mentions Firecrawl (FIRECRAWL_API_KEY, FirecrawlApp, api.firecrawl.dev)',
    reference: 'https://docs.firecrawl.dev/api-reference/introduction#authentication',
  }),
  // Kagi search API keys: 11 and 43 base64url characters joined by a dot, no prefix: only within 100 characters after the word Kagi
  {
    id: 'kagi-api-key',
    name: 'Kagi API key',
    vendor: 'Kagi',
    keywords: ['kagi'],
    regex: /kagi[^\n]{0,100}?(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/gi,
    severity: 'high',
    minEntropy: 4,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s),
    reference: 'https://help.kagi.com/kagi/api/overview.html',
  },
];
