// Write one choice into the address without a new history entry: a page
// opened bare (/pilots) names the pilot it shows (?pilot=good-help-hub) in
// the entry it was opened with, so the first Back leaves the page. Streamlit
// adds an entry for every change it makes to the address; when the address
// already says the same, it adds none.
export default function (component) {
  const { data } = component;
  if (!data || !data.key || !data.value) return;
  const url = new URL(window.location.href);
  if (url.searchParams.get(data.key) === data.value) return;
  url.searchParams.set(data.key, data.value);
  window.history.replaceState(window.history.state, "", url);
}
