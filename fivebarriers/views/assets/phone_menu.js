// The menu on a phone: Streamlit's sidebar (search box and page list) covers
// the page when open, and stayed open over the page a search or a page link
// had just opened. On a narrow screen it now closes as soon as a search is
// sent or a link in it is followed. Its open and close buttons are named for
// what they do ("Menu", "Close the menu"), not for the sidebar.
const NARROW = "(max-width: 767.98px)";
const OPEN = '[data-testid="stExpandSidebarButton"]';
const CLOSE = '[data-testid="stSidebarCollapseButton"] button';

function label() {
  const open = document.querySelector(OPEN);
  if (open && open.getAttribute("aria-label") !== "Menu") open.setAttribute("aria-label", "Menu");
  const close = document.querySelector(CLOSE);
  if (close && close.getAttribute("aria-label") !== "Close the menu") close.setAttribute("aria-label", "Close the menu");
}

function closeSoon() {
  if (!window.matchMedia(NARROW).matches) return;
  // After the click or key has done its work (the link opens, the form sends).
  setTimeout(() => {
    const close = document.querySelector(CLOSE);
    if (close) close.click();
  }, 150);
}

function inSidebar(event) {
  return event.composedPath().find((el) => el.dataset && el.dataset.testid === "stSidebar");
}

function wire() {
  document.addEventListener(
    "click",
    (event) => {
      if (!inSidebar(event)) return;
      const target = event.composedPath().find((el) => el.tagName === "A" || el.tagName === "BUTTON");
      if (!target) return;
      if (target.tagName === "A" || (target.dataset.testid || "").includes("FormSubmit")) closeSoon();
    },
    true
  );
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Enter" || !inSidebar(event)) return;
      const target = event.composedPath()[0];
      if (target && target.tagName === "INPUT" && target.type === "text" && target.value.trim()) closeSoon();
    },
    true
  );
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
}

export default function () {
  if (!window.__fbPhoneMenu) {
    window.__fbPhoneMenu = true;
    wire();
  }
  label();
}
