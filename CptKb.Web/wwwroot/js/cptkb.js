// Small browser helpers for CptKb. Loaded as a file so a strict Content-Security-Policy needs no inline script.
(() => {
  let tocCleanup = null;
  let searchCleanup = null;
  let systemDarkCleanup = null;

  window.cptkb = {
    // The reader's pick; from now on the system setting no longer decides.
    setDarkMode(dark) {
      window.cptkb.unwatchSystemDarkMode();
      document.cookie = "cptkb-dark=" + (dark ? "1" : "0") + "; path=/; max-age=31536000; SameSite=Lax";
    },

    // Until the reader picks: says whether the system is dark now, and tells the layout when it changes.
    watchSystemDarkMode(dotnet) {
      window.cptkb.unwatchSystemDarkMode();
      const query = window.matchMedia("(prefers-color-scheme: dark)");
      const onChange = (e) => dotnet.invokeMethodAsync("SystemDarkModeChanged", e.matches);
      query.addEventListener("change", onChange);
      systemDarkCleanup = () => query.removeEventListener("change", onChange);
      return query.matches;
    },

    unwatchSystemDarkMode() {
      if (systemDarkCleanup) systemDarkCleanup();
      systemDarkCleanup = null;
    },

    async copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },

    // Marks the contents entry of the section being read, as the reader scrolls: exactly one entry, the last whose
    // section starts above the reading line (or the first, at the top). The entries and sections are looked up on each
    // pass, so a section redrawn by the page (payer cards turned into tabs) is still found.
    watchToc(tocSelector, articleSelector) {
      window.cptkb.unwatchToc();
      if (!document.querySelector(tocSelector) || !document.querySelector(articleSelector)) return;
      const readingLine = 96;
      let frame = 0;
      const mark = () => {
        frame = 0;
        const toc = document.querySelector(tocSelector);
        if (!toc) return;
        const links = [...toc.querySelectorAll("a[data-anchor]")];
        let current = null;
        for (const a of links) {
          const target = document.getElementById(a.dataset.anchor);
          if (!target || target.getClientRects().length === 0) continue;
          if (current === null || target.getBoundingClientRect().top <= readingLine) current = a;
          if (target.getBoundingClientRect().top > readingLine) break;
        }
        // At the very bottom the last sections may never reach the line: the last one shown is being read.
        if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
          for (let i = links.length - 1; i >= 0; i--) {
            const target = document.getElementById(links[i].dataset.anchor);
            if (target && target.getClientRects().length > 0) { current = links[i]; break; }
          }
        }
        for (const a of links) {
          const on = a === current;
          a.classList.toggle("kb-toc-active", on);
          if (on) a.setAttribute("aria-current", "location");
          else a.removeAttribute("aria-current");
        }
      };
      const schedule = () => { if (!frame) frame = requestAnimationFrame(mark); };
      window.addEventListener("scroll", schedule, { passive: true });
      window.addEventListener("resize", schedule);
      window.addEventListener("hashchange", schedule);
      mark();
      tocCleanup = () => {
        cancelAnimationFrame(frame);
        window.removeEventListener("scroll", schedule);
        window.removeEventListener("resize", schedule);
        window.removeEventListener("hashchange", schedule);
      };
    },

    unwatchToc() {
      if (tocCleanup) tocCleanup();
      tocCleanup = null;
    },

    // The app-bar search box: typing is debounced here so the circuit hears one query per pause, not per key.
    attachSearch(dotnet, selector) {
      window.cptkb.detachSearch();
      const input = document.querySelector(selector);
      if (!input) return;
      let timer = 0;
      const onInput = () => {
        clearTimeout(timer);
        timer = setTimeout(() => dotnet.invokeMethodAsync("Suggest", input.value), 150);
      };
      const onKeyDown = (e) => {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          dotnet.invokeMethodAsync("Move", e.key === "ArrowDown" ? 1 : -1);
        } else if (e.key === "Enter") {
          e.preventDefault();
          clearTimeout(timer);
          dotnet.invokeMethodAsync("Submit", input.value);
        } else if (e.key === "Escape") {
          clearTimeout(timer);
          dotnet.invokeMethodAsync("Close");
          input.blur();
        }
      };
      const onGlobalKey = (e) => {
        const target = e.target;
        const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
        if ((e.key === "/" && !typing) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k")) {
          e.preventDefault();
          input.focus();
          input.select();
        }
      };
      const onOutside = (e) => {
        if (!input.parentElement.contains(e.target)) dotnet.invokeMethodAsync("Close");
      };
      input.addEventListener("input", onInput);
      input.addEventListener("keydown", onKeyDown);
      document.addEventListener("keydown", onGlobalKey);
      document.addEventListener("click", onOutside);
      input.dataset.ready = "true";
      searchCleanup = () => {
        delete input.dataset.ready;
        clearTimeout(timer);
        input.removeEventListener("input", onInput);
        input.removeEventListener("keydown", onKeyDown);
        document.removeEventListener("keydown", onGlobalKey);
        document.removeEventListener("click", onOutside);
      };
    },

    detachSearch() {
      if (searchCleanup) searchCleanup();
      searchCleanup = null;
    },

    // Wraps each occurrence of the search terms in <mark>, in text nodes only.
    highlight(containerSelector, terms) {
      const container = document.querySelector(containerSelector);
      if (!container || !terms) return;
      const words = terms.split(/\s+/)
        .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ""))
        .filter((t) => t.length >= 2)
        .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      if (words.length === 0) return;
      const pattern = new RegExp("\\b(" + words.join("|") + ")\\w*", "giu");
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => node.parentElement && node.parentElement.closest("mark, script, style, button, svg, textarea, select, noscript, template")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (const node of nodes) {
        const text = node.nodeValue;
        pattern.lastIndex = 0;
        if (!pattern.test(text)) continue;
        pattern.lastIndex = 0;
        const fragment = document.createDocumentFragment();
        let last = 0;
        for (const match of text.matchAll(pattern)) {
          fragment.append(text.slice(last, match.index));
          const mark = document.createElement("mark");
          mark.className = "kb-hit";
          mark.textContent = match[0];
          fragment.append(mark);
          last = match.index + match[0].length;
        }
        fragment.append(text.slice(last));
        node.replaceWith(fragment);
      }
      // The highlighting stays on the page; the address loses its ?hl= so a copied link is the clean one.
      const url = new URL(location.href);
      if (url.searchParams.has("hl")) {
        url.searchParams.delete("hl");
        history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      }
    },
  };
})();
