// Small browser helpers for CptKb. Loaded as a file so a strict Content-Security-Policy needs no inline script.
(() => {
  let tocObserver = null;
  let searchCleanup = null;

  window.cptkb = {
    setDarkMode(dark) {
      document.cookie = "cptkb-dark=" + (dark ? "1" : "0") + "; path=/; max-age=31536000; SameSite=Lax";
    },

    async copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },

    // Marks the contents entry of the section being read, as the reader scrolls.
    watchToc(tocSelector, articleSelector) {
      window.cptkb.unwatchToc();
      const toc = document.querySelector(tocSelector);
      const article = document.querySelector(articleSelector);
      if (!toc || !article) return;
      const links = new Map();
      toc.querySelectorAll("a[data-anchor]").forEach((a) => links.set(a.dataset.anchor, a));
      const visible = new Set();
      const mark = () => {
        let current = null;
        for (const id of links.keys()) {
          if (visible.has(id)) { current = id; break; }
        }
        if (!current) return;
        links.forEach((a, id) => a.classList.toggle("kb-toc-active", id === current));
        links.get(current).setAttribute("aria-current", "location");
        links.forEach((a, id) => { if (id !== current) a.removeAttribute("aria-current"); });
      };
      tocObserver = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        mark();
      }, { rootMargin: "-72px 0px -55% 0px" });
      links.forEach((_, id) => {
        const target = document.getElementById(id);
        if (target) tocObserver.observe(target);
      });
    },

    unwatchToc() {
      if (tocObserver) tocObserver.disconnect();
      tocObserver = null;
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
