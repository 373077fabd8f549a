// Small browser helpers for CptKb. Loaded as a file so a strict Content-Security-Policy needs no inline script.
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
  scrollToFragment() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    const target = document.getElementById(id);
    if (target) target.scrollIntoView();
  },
};
