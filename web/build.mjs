// Bundles the page of `firmsim report` and `firmsim serve` into one HTML file: the scripts and
// styles of src/ and of the npm libraries inlined, and a marker where the program puts the data.
//   node build.mjs [--modules DIR] [--out FILE]
// DIR holds node_modules (default: web/node_modules); FILE defaults to web/dist/page.html.
// FIRMSIM_WEB_DEBUG=1 in the environment leaves the bundle unminified (readable stack traces).
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? path.resolve(args[i + 1]) : fallback;
};
const modules = option('--modules', path.join(here, 'node_modules'));
const out = option('--out', path.join(here, 'dist', 'page.html'));

const esbuild = createRequire(path.join(modules, 'resolve.js'))('esbuild');

const result = await esbuild.build({
  entryPoints: [path.join(here, 'src', 'main.js')],
  bundle: true,
  minify: !process.env.FIRMSIM_WEB_DEBUG,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  nodePaths: [modules],
  outdir: path.join(path.dirname(out), 'bundle'),
  write: false,
  logLevel: 'warning',
});
const output = (ext) =>
  result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
const script = output('.js');
const style = output('.css');

// The bundle is inlined into <script> and <style> elements: nothing in it may end them early.
for (const [text, what] of [[script, 'script'], [style, 'style']]) {
  const bad = text.match(new RegExp(`</${what}|<!--`, 'i'));
  if (bad) throw new Error(`the ${what} bundle contains "${bad[0]}" and cannot be inlined`);
}

const template = readFileSync(path.join(here, 'src', 'page.html'), 'utf8');
const page = template
  .replace('/*FIRMSIM_STYLE*/', () => style)
  .replace('/*FIRMSIM_SCRIPT*/', () => script);
if (!page.includes('@@FIRMSIM_DATA@@')) throw new Error('page.html lacks the data marker');

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, page);
renameSync(`${out}.tmp`, out);
console.log(`firmsim web: wrote ${path.relative(process.cwd(), out)} (${Math.round(page.length / 1024)} KiB)`);
