// The change feed's "new since your last visit": the time of the reader's last visit is kept in their browser only.
// Loaded as a file so a strict Content-Security-Policy needs no inline script.
window.cptkbChanges = {
  // Returns the last visit's time (ISO 8601) or null, and records this visit.
  visit(key) {
    let previous = null;
    try {
      previous = window.localStorage.getItem(key);
      window.localStorage.setItem(key, new Date().toISOString());
    } catch {
      // Storage refused (private mode, quota): nothing is marked new.
    }
    return previous;
  },
};
