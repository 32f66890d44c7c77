// Short names between a wasm module and its JS glue (issue 16: bytes before the home screen is
// usable). wasm-bindgen names every import after the JS function and a 16-digit hash
// (`__wbg_appendChild_dbf7ad2f48413560`), and some exports after a closure's whole Rust type
// (200 characters); the names are written twice, in the wasm's import and export sections and in
// the glue, and their hashes do not compress. This gives every import and export a short name
// (`a`, `b`, ... in their order) in both files at once, names the imports' module `a`, and drops
// the wasm's custom sections (producers, target features, wasm-split's marker: read by tools,
// never by a browser). What the module does is unchanged: the names are only how the two files
// find each other. It checks that every name it changes appears in the glue where it expects it
// (an import as an object key, an export as a property read `.name`) and fails otherwise.
//   shortenNames(js, wasm) -> { js, wasm }   (strings / Buffers)

const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
};
const str = (s) => Buffer.concat([leb(Buffer.byteLength(s)), Buffer.from(s)]);

/** `a`, `b`, ..., `Z`, `a0`, ...: a short identifier for place `i`. */
function shortName(i) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = first + '0123456789_';
  let s = first[i % first.length];
  i = Math.floor(i / first.length);
  while (i > 0) {
    i -= 1;
    s += rest[i % rest.length];
    i = Math.floor(i / rest.length);
  }
  return s;
}

const escape = (s) => s.replace(/[$]/g, '\\$');

export function shortenNames(js, wasm) {
  let p = 8;
  const read = () => {
    let r = 0, s = 0, x;
    do { x = wasm[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80);
    return r >>> 0;
  };
  const name = () => { const n = read(); const s = wasm.subarray(p, p + n).toString(); p += n; return s; };
  const limits = () => { const flags = wasm[p++]; read(); if (flags & 1) read(); };
  const sections = [wasm.subarray(0, 8)];
  const imports = [], exports = [];
  let module = null;
  while (p < wasm.length) {
    const id = wasm[p++];
    const size = read();
    const start = p, end = p + size;
    if (id === 0) { p = end; continue; } // custom sections: dropped
    if (id === 2) {
      const parts = [];
      const count = read();
      parts.push(leb(count));
      for (let i = 0; i < count; i++) {
        const mod = name(), field = name();
        if (module !== null && mod !== module) throw new Error(`wasm-names: imports from two modules (${module}, ${mod})`);
        module = mod;
        const descStart = p;
        const kind = wasm[p++];
        if (kind === 0) read();
        else if (kind === 1) { p++; limits(); }
        else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else if (kind === 4) { p++; read(); }
        else throw new Error(`wasm-names: unknown import kind ${kind}`);
        const short = shortName(imports.length);
        imports.push([field, short]);
        parts.push(str('a'), str(short), wasm.subarray(descStart, p));
      }
      const body = Buffer.concat(parts);
      sections.push(Buffer.from([2]), leb(body.length), body);
    } else if (id === 7) {
      const parts = [];
      const count = read();
      parts.push(leb(count));
      for (let i = 0; i < count; i++) {
        const field = name();
        const descStart = p;
        p++;
        read();
        const short = shortName(exports.length);
        exports.push([field, short]);
        parts.push(str(short), wasm.subarray(descStart, p));
      }
      const body = Buffer.concat(parts);
      sections.push(Buffer.from([7]), leb(body.length), body);
    } else {
      sections.push(wasm.subarray(start - 1 - leb(size).length, end));
    }
    if (p !== end && id !== 0 && (id === 2 || id === 7)) throw new Error(`wasm-names: section ${id} read ${p - start} of ${size} bytes`);
    p = end;
  }
  // The glue: `{__proto__:null,"<module>":n}` gives the imports; each import a key `name:`; each
  // export read as `<exports>.name`.
  const count = (re) => (js.match(re) || []).length;
  const moduleKey = new RegExp(`(["'])${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\1:`, 'g');
  if (count(moduleKey) !== 1) throw new Error(`wasm-names: the glue names the imports' module ${module} ${count(moduleKey)} times`);
  js = js.replace(moduleKey, 'a:');
  for (const [field, short] of imports) {
    const key = new RegExp(`(?<![\\w$.])${escape(field)}:`, 'g');
    const all = new RegExp(`(?<![\\w$])${escape(field)}(?![\\w$])`, 'g');
    if (count(key) !== 1 || count(all) !== 1) throw new Error(`wasm-names: the import ${field} is not one key of the glue`);
    js = js.replace(key, `${short}:`);
  }
  for (const [field, short] of exports) {
    const read = new RegExp(`\\.${escape(field)}(?![\\w$])`, 'g');
    const all = new RegExp(`(?<![\\w$])${escape(field)}(?![\\w$])`, 'g');
    if (count(read) !== count(all)) throw new Error(`wasm-names: the export ${field} is not only read as a property in the glue`);
    js = js.replace(read, `.${short}`);
  }
  return { js, wasm: Buffer.concat(sections) };
}
