"""The page's own JavaScript: the click bridge into the report, the
制度一覧 tick bridge, scrolling the viewer and the Markdown download."""

# One document-level listener turns a click on a link into the report — an
# anchor ``href="#s=<section>&p=<passage>&c=<quote start>"`` (citation badges in chat messages,
# related-section chips, TOC entries; Gradio's sanitiser keeps href but drops
# data-* in chat HTML) or a source card with data-section — into a "click"
# event of the hidden bridge component carrying {section, passage}. HTML
# inside the chat can't bind Python events itself. Opening the page at
# ``/#s=2.3.4`` opens that section (the URL is kept in sync on each click).
BRIDGE_JS = r"""
window.__assistantOpen = (data) => trigger('click', data);
if (!window.__assistantBound) {
  window.__assistantBound = true;
  const parse = (el) => {
    if (el.dataset && el.dataset.section) return {section: el.dataset.section, passage: el.dataset.passage || ''};
    const q = new URLSearchParams((el.getAttribute('href') || '').replace(/^#/, ''));
    return {section: q.get('s') || '', passage: q.get('p') || '', cite: q.get('c') || ''};
  };
  const open = (el) => {
    const d = parse(el);
    if (!d.section || !window.__assistantOpen) return;
    window.__assistantOpen(d);
    try { history.replaceState(null, '', '#s=' + encodeURIComponent(d.section)); } catch (e) {}
  };
  const SEL = 'a[href^="#s="], [data-section]';
  document.addEventListener('click', (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    // a catalogue row's checkbox ticks the row for comparison, it does not open it
    if (e.target && e.target.closest && e.target.closest('.cat-tick-cell')) return;
    const el = e.target && e.target.closest ? e.target.closest(SEL) : null;
    if (!el) return;
    // selecting text inside a source card is not a click on it
    if (el.tagName !== 'A' && window.getSelection && String(window.getSelection())) return;
    e.preventDefault();
    open(el);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (e.target && e.target.closest && e.target.closest('.cat-tick-cell')) return;
    const el = e.target && e.target.closest ? e.target.closest('[data-section]') : null;
    if (!el || el.tagName === 'A' || el.tagName === 'BUTTON') return;  // those click on Enter themselves
    e.preventDefault();
    open(el);
  });
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (!t || !t.classList || !t.classList.contains('cat-tick')) return;
    const sid = t.dataset.tick || '';
    // two rows are compared: ticking a third unticks the oldest (the server keeps the same two)
    const ticks = window.__assistantTicks = (window.__assistantTicks || []).filter((s) => s !== sid);
    if (t.checked) ticks.push(sid);
    while (ticks.length > 2) {
      const old = ticks.shift();
      document.querySelectorAll('.cat-tick').forEach((x) => { if (x.dataset.tick === old) x.checked = false; });
    }
    if (window.__assistantTick) window.__assistantTick({ticks: ticks.slice()});
  });
  if (/^#s=/.test(location.hash)) {
    const a = document.createElement('a');
    a.setAttribute('href', location.hash);
    setTimeout(() => open(a), 300);
  }
}
"""

# The 制度一覧 checkboxes: the change listener above calls this with {ticks: [ids]}.
TICK_JS = "window.__assistantTick = (data) => trigger('click', data);"

# 「Markdownで保存」: the conversation's Markdown (kept in a hidden textbox,
# written by assistant/export.py on each answer) downloaded as a file.
DOWNLOAD_JS = r"""
(md) => {
  if (!md) return;
  const blob = new Blob([md], {type: 'text/markdown;charset=utf-8'});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  const d = new Date(), p = (n) => String(n).padStart(2, '0');
  a.download = `assistant-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}.md`;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
"""

# After the viewer opens: bring it into view (on a phone it sits below the
# chat) and scroll the clicked passage's highlight into the middle.
SCROLL_TO_VIEWER_JS = r"""
() => {
  setTimeout(() => {
    const v = document.getElementById('viewer');
    if (!v) return;
    const m = v.querySelector('mark.focus') || v.querySelector('.v-passage.focus') || v.querySelector('mark');
    if (window.innerWidth <= 900) {
      const target = m || document.getElementById('side-col');
      if (target) target.scrollIntoView({behavior: 'smooth', block: m ? 'center' : 'start'});
      return;
    }
    if (m) {
      const top = m.getBoundingClientRect().top - v.getBoundingClientRect().top + v.scrollTop;
      v.scrollTo({top: Math.max(0, top - 96), behavior: 'smooth'});
    } else {
      v.scrollTo({top: 0});
    }
  }, 80);
}
"""
