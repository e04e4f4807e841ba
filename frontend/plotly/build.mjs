// Builds the dashboard's plotly.js bundle from the pinned npm packages (package.json):
//
//     node frontend/plotly/build.mjs             # run by `npm ci` / `npm install` (postinstall)
//     node frontend/plotly/build.mjs --analyze   # also print the largest inputs
//
// Input: ./entry.js (plotly.js's core and the traces the page draws, as plotly.js's README
// documents for a custom bundle), bundled as it is: no source of plotly.js is edited.
// Output: node_modules/.returns-map/plotly-custom.min.js and its esbuild metafile beside it.
// The output lives in node_modules because it is made from node_modules: `npm ci` deletes
// node_modules and so the old bundle with it, then builds a fresh one; git ignores it there.
// dashboard/plotly_bundle.py serves it, with the compressed copies made here.
//
// Needs node >= 18 (esbuild). On node < 22 npm warns "EBADENGINE" about plotly.js: that
// engines field is for building plotly.js itself with its own tooling; here esbuild only reads
// its source files.

import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';

import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'node_modules', '.returns-map');
const outfile = join(outDir, 'plotly-custom.min.js');
const require = createRequire(import.meta.url);
const plotlyVersion = require('plotly.js/package.json').version;

const result = await esbuild.build({
    entryPoints: [join(here, 'entry.js')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly', // `var Plotly = ...` at the top level of a classic script: window.Plotly
    platform: 'browser',
    target: 'es2016',
    define: {
        global: 'window', // plotly.js and some of its dependencies use node's `global`
        'define.amd': 'false', // never take an AMD loader's path (none on the page)
    },
    // plotly.js requires maplibre-gl's stylesheet only when a `map` trace registers;
    // none does here, and the bundle must be one JS file
    loader: {'.css': 'empty'},
    banner: {
        js: `/* plotly.js v${plotlyVersion} (MIT, (c) Plotly, Inc.), custom build for the returns map: ` +
            'frontend/plotly/entry.js. Licences of plotly.js and its dependencies: in their npm packages. */',
    },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
});

writeFileSync(join(outDir, 'plotly-custom.meta.json'), JSON.stringify(result.metafile));

// The compressed copies dashboard/plotly_bundle.py serves, named as it looks for them
// (<file>.<first 12 hex digits of the file's sha256>.<br|gz|zst>), at the best levels: made
// here, once per install, so the server writes nothing and compresses nothing at start-up.
// zstd where this Node has it (22.15+); elsewhere Flask-Compress serves zstd on the fly.
function writeCopies(file) {
    const body = readFileSync(file);
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const copies = {
        br: zlib.brotliCompressSync(body, {params: {[zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length}}),
        gz: zlib.gzipSync(body, {level: 9}),
    };
    if (zlib.zstdCompressSync) {
        copies.zst = zlib.zstdCompressSync(body, {params: {[zlib.constants.ZSTD_c_compressionLevel]: 19}});
    }
    const name = file.split(/[\\/]/).pop();
    for (const old of readdirSync(outDir)) {
        if (old.startsWith(name + '.') && /\.(br|gz|zst)$/.test(old)) unlinkSync(join(outDir, old));
    }
    for (const [suffix, data] of Object.entries(copies)) writeFileSync(`${file}.${digest}.${suffix}`, data);
    return `${relative(root, file)}, ${body.length.toLocaleString('en')} bytes (` +
        Object.entries(copies).map(([k, v]) => `${k} ${v.length.toLocaleString('en')}`).join(', ') + ')';
}

console.log(`plotly.js ${plotlyVersion} custom build: ${writeCopies(outfile)}`);

// regenerator-runtime (MIT, pinned in package.json), minified: the one part of Dash's
// @babel/polyfill the page needs (dashboard/page_scripts.py says why)
const regenerator = join(outDir, 'regenerator-runtime.min.js');
await esbuild.build({
    entryPoints: [require.resolve('regenerator-runtime/runtime.js')], outfile: regenerator,
    minify: true, format: 'iife', target: 'es2016', platform: 'browser', legalComments: 'eof',
    logLevel: 'warning',
});
console.log(`regenerator-runtime ${require('regenerator-runtime/package.json').version}: ${writeCopies(regenerator)}`);

if (process.argv.includes('--analyze')) {
    const output = Object.values(result.metafile.outputs)[0];
    const groups = {};
    for (const [path, {bytesInOutput}] of Object.entries(output.inputs)) {
        const parts = path.replace(/^.*node_modules\//, '').split('/');
        const key = parts[0] === 'plotly.js' ? parts.slice(0, 4).join('/')
            : parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        groups[key] = (groups[key] || 0) + bytesInOutput;
    }
    for (const [key, size] of Object.entries(groups).sort((a, b) => b[1] - a[1]).slice(0, 40)) {
        console.log(String(size).padStart(9), key);
    }
}
