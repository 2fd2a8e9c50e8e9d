// Back to the top of the page, once per request: a map click opens a place
// at the top of the page, and the browser would otherwise stay scrolled to
// wherever the map was. Streamlit scrolls inside its own containers.
export default function (component) {
  const { data } = component;
  const token = data && data.token;
  if (!token || window.__fbScrolledFor === token) return;
  window.__fbScrolledFor = token;
  const scroll = () => {
    for (const el of document.querySelectorAll(
      '[data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"], [data-testid="stAppViewContainer"], section'
    )) {
      el.scrollTop = 0;
    }
    window.scrollTo(0, 0);
  };
  scroll();
  // Once more after the page below has been drawn, which can move it again.
  setTimeout(scroll, 300);
}
