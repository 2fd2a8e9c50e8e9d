// A page that updates itself (the Present page's windows, a workshop's phones)
// must not go blank for good. Streamlit's own page code can stop on an error
// inside it (seen on the presenter view under load: "'setIn' cannot be called
// on an ElementNode", a fragment's update landing after the page changed):
// React then empties the page and the connection closes, and nobody at a
// projector or a phone thinks of reloading. The page's address carries its
// state (the session code, the slide, the phone's token), so loading it again
// brings the same view back. At most MAX_RELOADS in WINDOW_MS: past that, a
// sentence says what happened, with a link to load the page again.
const MAX_RELOADS = 2;
const WINDOW_MS = 60000;
const QUIET_MS = 1500; // empty this long: not a page drawing itself anew
const KEY = "fb-recover-reloads";

function recentReloads(now) {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "[]").filter((t) => now - t < WINDOW_MS);
  } catch (e) {
    return [];
  }
}

function stopped(root) {
  const box = document.createElement("p");
  box.setAttribute("role", "alert");
  box.style.cssText = "font: 1.25rem/1.5 sans-serif; margin: 2rem; color: #0b0c0c";
  box.append("This page stopped working. ");
  const link = document.createElement("a");
  link.href = window.location.href;
  link.textContent = "Load the page again";
  box.append(link);
  root.append(box);
}

export default function () {
  const root = document.getElementById("root");
  if (!root || window.__fbRecover) return;
  window.__fbRecover = true;
  let timer = null;
  const check = () => {
    timer = null;
    if (root.childElementCount > 0) return;
    const now = Date.now();
    const recent = recentReloads(now);
    if (recent.length >= MAX_RELOADS) {
      stopped(root);
      return;
    }
    try {
      sessionStorage.setItem(KEY, JSON.stringify([...recent, now]));
    } catch (e) {
      // No storage (a locked-down browser): reload anyway; the limit is then the browser's.
    }
    window.location.reload();
  };
  new MutationObserver(() => {
    if (root.childElementCount === 0 && timer === null) timer = setTimeout(check, QUIET_MS);
  }).observe(root, { childList: true });
}
