import type { Ecosystem } from '../osv/versions.js';

/** One resolved package of a lockfile. */
export interface LockPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** 1-based line where the package's entry starts. */
  line: number;
  /** Only needed for development (npm `dev`, yarn/pnpm dev importers, Pipfile `develop`, composer `packages-dev`, poetry `dev` group). */
  dev?: boolean;
  /** A symlink or local path (npm `link: true`, `file:`/`link:`/`portal:` protocols, go.mod local `replace`, path sources). */
  link?: boolean;
  /** A package of the project's own workspace. */
  workspace?: boolean;
  /** Fetched from a git repository rather than a registry. */
  git?: GitSource;
  /** From a registry other than the ecosystem's public one (e.g. a private Cargo registry): not matched. */
  foreign?: boolean;
  /** Go: only needed through other modules (`// indirect`). */
  indirect?: boolean;
  /** PDM: the lock groups the package belongs to (`default`, optional and development groups). */
  groups?: string[];
}

export interface GitSource {
  url: string;
  /** The recorded reference (commit hash, branch or tag), when any. */
  ref?: string;
  line: number;
}

/** A registry, index or download URL the lockfile records, with its line. */
export interface LockUrl {
  url: string;
  line: number;
  /** Start column (1-based) of the URL on its line, when known. */
  column?: number;
  /** What the URL is: a package download, a registry/index, a source repository. */
  role: 'download' | 'registry' | 'source';
  package?: string;
}

/** A requirements.txt line that is not an exact `==` pin. */
export interface RequirementNote {
  line: number;
  text: string;
  kind: 'unpinned' | 'editable' | 'url' | 'include' | 'option';
}

export interface LockfileResult {
  /** e.g. `package-lock v3`, `yarn berry`, `requirements.txt`. */
  format: string;
  packages: LockPackage[];
  /** Malformed content in a text format (JSON/YAML syntax is reported by the engine). */
  problems: { line: number; message: string }[];
  urls: LockUrl[];
  requirements: RequirementNote[];
  /** The lockfile lists only the project itself (a project without dependencies): not empty. */
  rootOnly: boolean;
  /** The file is not a lockfile of the format its name says (nothing recognisable in it). */
  unrecognised?: boolean;
  /**
   * yarn.lock: each package's entry keys (`name@range`) and its own dependencies, by package index,
   * for working out from the manifests which packages only development needs (the lockfile does not say).
   */
  graph?: { specs: string[]; deps: [name: string, range: string][] }[];
}

export function emptyResult(format: string): LockfileResult {
  return { format, packages: [], problems: [], urls: [], requirements: [], rootOnly: false };
}

/** A commit hash: 7 to 64 hexadecimal characters (abbreviated or full SHA-1/SHA-256). */
export function isCommitHash(ref: string | undefined): boolean {
  return !!ref && /^[0-9a-f]{7,64}$/i.test(ref);
}

/** Split text into lines (any line ending), 0-based array; line n is lines[n - 1]. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
