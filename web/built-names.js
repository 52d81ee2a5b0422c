// The content-hashed names scripts/build-web-dist gives the data files, the modules' .wasm and the lazy styles, so a
// release can never mix an old file with new code: the build fills in the map below (plain name -> hash of its
// content; "schemes/": one hash of the folder); in the source tree every name is its own.
const NAMES = {};

/** A file's name as built: "start.bin" -> "start-1a2b3c4d.bin", "schemes/de.bin" -> "schemes-5e6f7a8b/de.bin". */
export const builtName = (name) => (NAMES[name] ? name.replace(/\.\w+$/, (ext) => `-${NAMES[name]}${ext}`)
  : name.replace(/^\w+\//, (dir) => (NAMES[dir] ? `${dir.slice(0, -1)}-${NAMES[dir]}/` : dir)));
