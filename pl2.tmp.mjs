import { createRequire } from 'node:module';
const t0 = performance.now();
const { loadPacks, BUILTIN_PACK_NAMES } = await import('./dist/src/packs/load.js');
await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
console.log('all packs', (performance.now() - t0).toFixed(0));
const require = createRequire(import.meta.url);
console.log('cjs modules', Object.keys(require.cache).length, Object.keys(require.cache).filter(k=>!k.includes('/dist/')).map(k=>k.replace(/.*node_modules\//,'').split('/').slice(0,2).join('/')).filter((x,i,a)=>a.indexOf(x)===i).join(' '));
