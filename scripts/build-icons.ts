// `npm run icons`: the installers' icons, generated from packaging/icon.svg into build/ (electron-builder's
// build resources). Run by `npm run dist`; the generated files are not committed.
import path from 'node:path';
import { buildIconSet } from './icons/icon-set.ts';

const root = path.resolve(import.meta.dirname, '..');
const set = await buildIconSet(path.join(root, 'packaging/icon.svg'), path.join(root, 'build'));
console.log(
  `icons: ${path.relative(root, set.png)}, ${path.relative(root, set.icns)}, ${path.relative(root, set.ico)}, ${path.relative(root, set.linuxDir)}/`,
);
