// The preset list's English order without the browser's Intl, whose first use costs 20-50 ms of main-thread time
// at load: names compared by code point. scripts/build-web-dist checks that this is ICU's English order for every
// preset name (the build fails otherwise) and writes the list in the order of the Chinese names.
export const byEnglishName = (a, b) => (a.name > b.name) - (a.name < b.name);
