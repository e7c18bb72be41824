// What `stancegraph extract` reads: text (.txt), Markdown with a front matter (.md), HTML (.html,
// the article's text through Mozilla's Readability on a server-side DOM) and URLs (fetched), each
// turned into a SourceDocument with a deterministic id (from the file name or the URL), its text
// (what offsets index) and its metadata. Every input is read before any is annotated: one bad
// input stops the run with all of them named.

import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import YAML from 'yaml';
import { decodeUtf8 } from '../dataset/parse.ts';
import { DEFAULT_FETCH_MAX_BYTES, guardedFetch, type FetchLimits } from './fetch-guard.ts';
import type { SourceDocument } from './types.ts';

export const INPUT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;
type Format = 'text' | 'markdown' | 'html';

/** Metadata given on the command line, for what an input does not say itself. */
export interface MetadataFlags {
  published?: string;
  title?: string;
  url?: string;
  publisher?: string;
  language?: string;
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly problems: string[]) {
    super(`${problems.length} input(s) could not be read:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** What an input says about itself before the flags are applied. */
interface Metadata {
  title?: string;
  published?: string;
  publisher?: string;
  url?: string;
  language?: string;
}

export interface Read {
  /** How the input is named in messages and where its id comes from. */
  name: string;
  idSource: string;
  text: string;
  metadata: Metadata;
}

const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** Files under a folder with an input extension, sorted, recursively. */
function listFolder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if ((INPUT_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).toLowerCase()))
        found.push(full);
    }
  };
  walk(folder);
  return found;
}

function formatOfExtension(file: string): Format | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt') return 'text';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.html' || ext === '.htm') return 'html';
  return undefined;
}

function formatOfContentType(contentType: string, url: string): Format {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown') return 'markdown';
  if (type === 'text/plain')
    return formatOfExtension(new URL(url).pathname) === 'markdown' ? 'markdown' : 'text';
  return formatOfExtension(new URL(url).pathname) ?? 'html';
}

/** `document:` + a slug of the file's name (without extension) or of the URL's host and path. */
export function documentId(idSource: string): string {
  const slug = idSource
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 120)
    .replace(/[-._]+$/, '');
  return `document:${slug || 'untitled'}`;
}

function idSourceOfUrl(url: string): string {
  const u = new URL(url);
  const pathname = u.pathname.replace(/\.(html?|txt|md|markdown)$/i, '').replace(/\/+$/, '');
  return `${u.hostname}${pathname}${u.search ? `-${u.search.slice(1)}` : ''}`;
}

function parseText(text: string, format: Format, name: string): { text: string; metadata: Metadata } {
  if (format === 'markdown') return parseMarkdown(text, name);
  if (format === 'html') return parseArticle(text, name);
  return { text, metadata: {} };
}

/** A leading `---` YAML block with title, published, publisher, url (and language). */
function parseMarkdown(raw: string, name: string): { text: string; metadata: Metadata } {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(raw);
  if (!match) return { text: raw, metadata: {} };
  let data: unknown;
  try {
    data = YAML.parse(match[1]!);
  } catch (error) {
    throw new Error(
      `${name}: the front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  const field = (key: string) => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).trim() || undefined;
  };
  return {
    text: raw.slice(match[0].length),
    metadata: {
      title: field('title'),
      published: field('published') ?? field('date'),
      publisher: field('publisher'),
      url: field('url'),
      language: field('language') ?? field('lang'),
    },
  };
}

const BLOCKS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DT', 'DD', 'FIGCAPTION', 'TD', 'TH',
]); // prettier-ignore

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * The article's text: Readability picks the content, then each block (paragraph, heading, list
 * item, quote) becomes one paragraph with its white space collapsed, paragraphs separated by a
 * blank line (so sentence splitting and offsets see what a reader sees).
 */
function articleText(contentHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${contentHtml}</body></html>`);
  const paragraphs: string[] = [];
  let inline = '';
  const flush = () => {
    const text = inline.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    inline = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    if (node.nodeName === 'BR') {
      inline += ' ';
      return;
    }
    const block = BLOCKS.has(node.nodeName) || node.nodeName === 'DIV' || node.nodeName === 'SECTION';
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(document.body as unknown as DomNode);
  flush();
  return paragraphs.join('\n\n');
}

function parseArticle(html: string, name: string): { text: string; metadata: Metadata } {
  const { document } = parseHTML(html);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const element =
        document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`);
      const content = element?.getAttribute('content')?.trim();
      if (content) return content;
    }
    return undefined;
  };
  const timeElement = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const metadata: Metadata = {
    title: meta('og:title', 'twitter:title', 'dc.title', 'DC.title'),
    published: dateOf(
      meta(
        'article:published_time',
        'og:published_time',
        'datePublished',
        'date',
        'pubdate',
        'dc.date',
        'DC.date',
        'dcterms.date',
      ) ??
        document.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ??
        document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime') ??
        timeElement,
    ),
    publisher: meta('og:site_name', 'publisher', 'dc.publisher', 'DC.publisher', 'application-name'),
    url:
      document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
      meta('og:url') ||
      undefined,
    language: document.documentElement?.getAttribute('lang')?.trim() || undefined,
  };
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) throw new Error(`${name}: Readability found no article text in this HTML`);
  metadata.title ??= article.title?.trim() || undefined;
  metadata.publisher ??= article.siteName?.trim() || undefined;
  metadata.published ??= dateOf(article.publishedTime ?? undefined);
  return { text: articleText(article.content), metadata };
}

/** The YYYY-MM-DD at the start of an ISO date or timestamp; undefined for anything else. */
function dateOf(value: string | undefined): string | undefined {
  const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return match?.[1];
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  );
}

/** A title from the text: its first non-empty line (a Markdown heading's marks removed). */
function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .find(Boolean);
  return line && line.length > 200 ? `${line.slice(0, 199).trimEnd()}…` : line;
}

function readFile(file: string): Read {
  const format = formatOfExtension(file);
  if (!format) throw new Error(`${file}: expected a .txt, .md or .html file`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const decoded = decodeUtf8(bytes, file);
  if ('issue' in decoded) throw new Error(`${file}: ${decoded.issue.message}`);
  const { text, metadata } = parseText(normalise(decoded.text), format, file);
  return { name: file, idSource: path.basename(file, path.extname(file)), text, metadata };
}

export async function readUrl(
  url: string,
  timeoutMs: number,
  limits: FetchLimits = { allowPrivate: true, maxBytes: DEFAULT_FETCH_MAX_BYTES },
): Promise<Read> {
  const {
    response,
    url: final,
    body: bytes,
  } = await guardedFetch(url, limits, {
    headers: { Accept: 'text/html, text/plain;q=0.9, text/markdown;q=0.9, */*;q=0.1' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`);
  const decoded = decodeUtf8(bytes, url);
  if ('issue' in decoded) throw new Error(`${url}: ${decoded.issue.message}`);
  const format = formatOfContentType(response.headers.get('content-type') ?? '', final);
  const { text, metadata } = parseText(normalise(decoded.text), format, url);
  return { name: url, idSource: idSourceOfUrl(url), text, metadata: { url, ...metadata } };
}

/** A byte-order mark dropped, line ends as `\n`. */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Expands folders, keeps URLs and files, in the order given (a folder's files sorted). */
export function expandInputs(inputs: readonly string[]): { items: string[]; problems: string[] } {
  const items: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    if (isUrl(input)) items.push(input);
    else if (!fs.existsSync(input)) problems.push(`${input}: no such file or folder`);
    else if (fs.statSync(input).isDirectory()) {
      const files = listFolder(input);
      if (files.length === 0) problems.push(`${input}: no .txt, .md or .html files in this folder`);
      items.push(...files);
    } else items.push(input);
  }
  return { items, problems };
}

/**
 * Reads every input into a SourceDocument, or throws an InputError that names each input that
 * could not be read (missing, not UTF-8, no article, no date, two inputs with one id).
 */
export async function readInputs(
  inputs: readonly string[],
  flags: MetadataFlags,
  options: { fetchTimeoutMs: number },
): Promise<SourceDocument[]> {
  const { items, problems } = expandInputs(inputs);
  const documents: SourceDocument[] = [];
  const byId = new Map<string, string>();
  for (const item of items) {
    try {
      const read = isUrl(item) ? await readUrl(item, options.fetchTimeoutMs) : readFile(item);
      documents.push(toDocument(read, flags));
      const id = documents.at(-1)!.id;
      const other = byId.get(id);
      if (other !== undefined)
        throw new Error(`${item}: gives the same document id (${id}) as ${other}; rename one`);
      byId.set(id, item);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return documents;
}

export function toDocument(read: Read, flags: MetadataFlags): SourceDocument {
  if (read.text.trim() === '') throw new Error(`${read.name}: no text to extract from`);
  const published = read.metadata.published ?? flags.published;
  if (published === undefined) {
    throw new Error(
      `${read.name}: no publication date; give one with --published YYYY-MM-DD (or \`published:\` in a Markdown front matter, or an article:published_time meta tag)`,
    );
  }
  if (!isRealDate(published))
    throw new Error(`${read.name}: publication date "${published}": expected a real date as YYYY-MM-DD`);
  const url = read.metadata.url ?? flags.url;
  if (url !== undefined && !URL.canParse(url))
    throw new Error(`${read.name}: url "${url}": expected an absolute URL`);
  const language = read.metadata.language?.replace(/_/g, '-') ?? flags.language ?? 'en';
  return {
    id: documentId(read.idSource),
    text: read.text,
    published,
    title: read.metadata.title ?? flags.title ?? firstLine(read.text) ?? read.idSource,
    ...((read.metadata.publisher ?? flags.publisher) !== undefined && {
      publisher: read.metadata.publisher ?? flags.publisher,
    }),
    ...(url !== undefined && { url }),
    language: /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language) ? language : 'en',
  };
}
