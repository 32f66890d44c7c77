// The language picker's handler. index.html's script imports it at the picker's first change, so
// the first visit does not download it (issue 17); the service worker keeps it with the rest of
// the app. The pack of the language picked comes first, then the choice is remembered and the
// page reloads in it; else the picker says why, in the language shown (its data-offline and
// data-failed, which the app's header carries), and goes back to the language shown.
//   pick(select, packs, key): packs maps a language to its pack's hash (lang/<id>.<hash>.txt);
//   key is where the choice is remembered (localStorage).
export default function pick(t, packs, key) {
  const id = t.value;
  // A pack's text: null when the site answers with an error, undefined when there is no answer.
  (packs[id] ? fetch(`lang/${id}.${packs[id]}.txt`).then((r) => (r.ok ? r.text() : null), () => {}) : Promise.resolve('')).then((text) => {
    if (typeof text == 'string') {
      try { localStorage[key] = id; } catch (e) {}
      return location.reload();
    }
    const box = t.parentNode, m = t.getAttribute(text === null ? 'data-failed' : 'data-offline');
    let p = box.querySelector('.lang-problem');
    if (!p) box.insertAdjacentHTML('beforeend', '<p class=lang-problem role=alert data-testid=language-problem>'), p = box.lastChild;
    if (m) p.textContent = m.replace('{lang}', t.selectedOptions[0].text);
    t.value = document.documentElement.lang;
  });
}
