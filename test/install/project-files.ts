// The project's files as a fresh clone has them, for the first-run test's clean copy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** `.gitignore`'s patterns as tests on a path's name (`dist/`: folders only; `*.db`: a glob on the name). */
function ignoredBy(gitignore: string): (name: string, isDir: boolean) => boolean {
  const rules = gitignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => {
      const dirOnly = l.endsWith('/');
      const glob = l.replace(/\/$/, '').replace(/^\//, '');
      const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
      return { dirOnly, re };
    });
  return (name, isDir) => name === '.git' || rules.some((r) => (!r.dirOnly || isDir) && r.re.test(name));
}

/**
 * The project's files as a fresh clone has them (tracked and not ignored), without node_modules or builds: from git
 * when this is a checkout, else (a copy such as CI's, made from a clone's files) every file `.gitignore` does not exclude.
 */
export function projectFiles(repo: string): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    const ignored = ignoredBy(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8'));
    const walk = (rel: string): string[] =>
      fs.readdirSync(path.join(repo, rel), { withFileTypes: true }).flatMap((d) => {
        if (ignored(d.name, d.isDirectory())) return [];
        const p = rel ? `${rel}/${d.name}` : d.name;
        return d.isDirectory() ? walk(p) : d.isFile() ? [p] : [];
      });
    return walk('');
  }
}
