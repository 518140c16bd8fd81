// npm run bench: every benchmark, one after another, with the same --scale and --runs.
export {};

await import('./prepare-image.bench.ts');
console.log('');
await import('./library.bench.ts');
console.log('');
await import('./pipeline.bench.ts');
console.log('');
await import('./models.bench.ts');
console.log('');
await import('./renderer.bench.ts');
console.log('');
await import('./sequence.bench.ts');
console.log('');
await import('./film-sound.bench.ts');
console.log('');
await import('./chaos.bench.ts');
