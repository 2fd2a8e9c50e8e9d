// "Copy link to this view": copies the page's whole address, filters and
// all, as the browser holds it when the button is pressed. The link also
// appears in a text field (selected), so a reader whose browser refuses the
// clipboard can copy it by hand; no clipboard permission is ever asked for
// (writing on a click needs none; reading would).
async function copy(text, field) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (e) {
    // Refused (an insecure address, a policy): the field below is the fallback.
  }
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch (e) {
    return false;
  }
}

export default function (component) {
  const { parentElement } = component;
  let root = parentElement.querySelector(".fb-copy");
  if (root) {
    // A rerun: the address may have changed since the link was shown.
    const field = root.querySelector("input");
    if (!field.hidden && field.value !== window.location.href) {
      field.value = window.location.href;
      root.querySelector(".fb-copy-status").textContent = "";
    }
    return;
  }
  root = document.createElement("div");
  root.className = "fb-copy";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Copy link to this view";
  const field = document.createElement("input");
  field.type = "text";
  field.readOnly = true;
  field.hidden = true;
  field.setAttribute("aria-label", "Link to this view");
  const status = document.createElement("span");
  status.className = "fb-copy-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    const link = window.location.href;
    field.value = link;
    field.hidden = false;
    status.textContent = "";
    const copied = await copy(link, field);
    status.textContent = copied ? "Link copied" : "Copy the link from the box";
    if (!copied) {
      field.focus();
      field.select();
    }
  });
  root.append(button, field, status);
  parentElement.appendChild(root);
}
