// The Present page's slideshow: draws the 16:9 frame (or the presenter view),
// moves slides with the keyboard whatever has focus, and toggles full screen.
// It only ever shows HTML that Python built and escaped (workshop.slide_html);
// it sends back one thing: the slide to go to ("nav"), or "timer" to restart it.

const NEXT = new Set(["ArrowRight", "PageDown", " ", "Spacebar"]);
const PREVIOUS = new Set(["ArrowLeft", "PageUp"]);

function deepActive() {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

// Typing stays typing: arrows in a text box or an open list move the caret or
// the choice, not the slide. A switch, a button, a closed select box (focus
// stays in one after a choice is made with the mouse) or the page itself: the
// slide moves.
function typing(el) {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.getAttribute && el.getAttribute("role") === "combobox") return el.getAttribute("aria-expanded") === "true";
  if (el.tagName === "INPUT") {
    return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(el.type);
  }
  return Boolean(el.closest && el.closest('[role="listbox"], [role="menu"]'));
}

function isFull(root) {
  return Boolean(document.fullscreenElement) || root.classList.contains("pseudo-full");
}

function leaveFull(root) {
  root.classList.remove("pseudo-full");
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
}

function toggleFull(root) {
  if (isFull(root)) return leaveFull(root);
  const screen = root.querySelector(".screen");
  const fallback = () => root.classList.add("pseudo-full");
  if (screen && screen.requestFullscreen) screen.requestFullscreen().catch(fallback);
  else fallback();
}

// Long titles or lists step their type down (to 74%) until the slide fits; a chart
// gives up height first (CSS). Sizes are in frame units, so one fit holds at any size.
function fit(root) {
  root.querySelectorAll(".slide").forEach((slide) => {
    const body = slide.querySelector(".body");
    const over = () => slide.scrollHeight > slide.clientHeight + 1 || (body && body.scrollHeight > body.clientHeight + 1);
    let f = 1;
    slide.style.setProperty("--fit", "1");
    while (over() && f > 0.74) {
      f -= 0.02;
      slide.style.setProperty("--fit", f.toFixed(2));
    }
  });
}

function button(label, cls, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (cls) b.className = cls;
  b.addEventListener("click", onClick);
  return b;
}

function skeleton(root, data, go) {
  root.dataset.mode = data.mode;
  const screen =
    '<div class="screen"><div class="stage" role="region" aria-roledescription="slide" tabindex="-1"></div></div>';
  if (data.mode === "presenter") {
    root.innerHTML =
      '<div class="presenter">' +
      `<section class="now" aria-label="Current slide"><h3>Now</h3>${screen}<div class="controls"></div></section>` +
      '<section class="next" aria-label="Next slide"><h3>Next</h3><div class="next-slot"></div>' +
      '<div class="status"><span class="timer" role="timer" aria-label="Time since the start">0:00</span>' +
      '<span class="join"><span class="code"></span>' +
      '<a class="audience" target="_blank" rel="noopener">Open the audience window</a></span>' +
      '<span class="counter" aria-live="polite"></span></div></section>' +
      '<section class="notes" aria-label="Speaker notes"><h3>Speaker notes</h3><div class="notes-body"></div></section>' +
      "</div>";
  } else {
    root.innerHTML =
      `${screen}<div class="controls"></div>` +
      '<section class="notes-panel" aria-label="Speaker notes" tabindex="0" hidden></section>';
  }
  const controls = root.querySelector(".controls");
  controls.append(
    button("← Previous", "previous", () => go(-1)),
    Object.assign(document.createElement("span"), { className: "where" }),
    button("Next →", "primary next", () => go(1)),
  );
  if (data.mode === "presenter") {
    controls.append(button("Restart timer", "restart", () => root.__fb.send("timer", Date.now())));
  } else {
    controls.append(button("Full screen (F)", "full", () => toggleFull(root)));
  }
  const hint = Object.assign(document.createElement("span"), { className: "hint" });
  hint.textContent = "Keys: ← → Space Page Up/Down Home End · F full screen · Esc leaves it";
  controls.append(hint);
  if (data.mode !== "presenter") {
    controls.querySelector(".where").setAttribute("aria-live", "polite");
  }
}

function drawSlide(root, html, number, total) {
  const fb = root.__fb;
  const stage = root.querySelector(".screen .stage");
  if (fb.html !== html) {
    stage.innerHTML = html;
    stage.setAttribute("aria-label", `Slide ${number} of ${total}`);
    fb.html = html;
  }
  // The room's first slide tells the facilitator how to start, until the first move.
  const hint = stage.querySelector(".start-hint");
  const wanted = number === 1 && !fb.moved && root.dataset.mode !== "presenter";
  if (wanted && !hint) {
    stage.append(Object.assign(document.createElement("p"), { className: "start-hint", textContent: "Press → to start" }));
  } else if (!wanted && hint) {
    hint.remove();
  }
  root.querySelector(".where").textContent = `${number} of ${total}`;
  root.querySelector(".previous").disabled = number <= 1;
  root.querySelector(".next").disabled = number >= total;
}

// Whatever scrolled the page (a click on a switch below), a new slide is seen whole.
function seeWhole(root) {
  const r = root.querySelector(".screen .stage").getBoundingClientRect();
  if (!isFull(root) && (r.top < 0 || r.bottom > window.innerHeight)) root.scrollIntoView({ block: "start" });
}

// The presenter's now, next and notes: drawn from the server's answer, or at once
// from the neighbouring slides it sent with the current one.
function drawPresenter(root, now, next, notes, number, total) {
  const fb = root.__fb;
  drawSlide(root, now, number, total);
  const slot = root.querySelector(".next-slot");
  if (fb.nextHtml !== next) {
    slot.innerHTML = next
      ? '<div class="stage" role="region" aria-roledescription="slide" aria-label="Next slide"></div>'
      : '<p class="end">End of the session: no next slide.</p>';
    if (next) slot.querySelector(".stage").innerHTML = next;
    fb.nextHtml = next;
  }
  if (fb.notes !== notes) {
    root.querySelector(".notes-body").innerHTML = notes;
    fb.notes = notes;
  }
  root.querySelector(".counter").textContent = `Slide ${number} of ${total}`;
}

function render(root, data) {
  const fb = root.__fb;
  if (data.mode === "presenter") {
    drawPresenter(root, data.slides[0], data.slides[1], data.notes, data.number, data.total);
    const code = root.querySelector(".code");
    code.innerHTML = "Session code <strong></strong>";
    code.querySelector("strong").textContent = data.code || "";
    // The room's address sits beside the code and the timer, never below the notes.
    root.querySelector(".audience").setAttribute("href", `present?session=${encodeURIComponent(data.code || "")}`);
    fb.timerStart = Date.now() - (data.elapsed || 0) * 1000;
  } else {
    drawSlide(root, data.slides[0], data.number, data.total);
    // Notes for rehearsing on one screen: under the controls, with the frame made
    // smaller so that both fit; never inside the frame, never in full screen.
    const panel = root.querySelector(".notes-panel");
    root.classList.toggle("with-notes", Boolean(data.notes));
    panel.hidden = !data.notes;
    if (fb.notes !== data.notes) {
      panel.innerHTML = data.notes || "";
      fb.notes = data.notes;
    }
  }
  fit(root);
  seeWhole(root);
}

// Give keyboard focus to the frame (not in the tab order, drawn with no ring:
// the projected slide must not wear one), taking it from whatever held it.
function takeKeys(root) {
  const active = deepActive();
  if (active && active.blur && !root.contains(active)) active.blur();
  const stage = root.querySelector(".screen .stage");
  if (stage) stage.focus({ preventScroll: true });
}

function tick(root) {
  const t = root.querySelector(".timer");
  if (!t) return;
  const s = Math.max(0, Math.floor((Date.now() - root.__fb.timerStart) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  t.textContent = h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".fb-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "fb-root";
    parentElement.appendChild(root);
  }
  const fb = root.__fb || (root.__fb = { seq: 0 });
  fb.data = data;
  fb.target = data.number;
  fb.send = (event, value) => setTriggerValue(event, value);
  const go = (step, absolute) => {
    const d = fb.data;
    const to = absolute ? step : Math.min(Math.max(fb.target + step, 1), d.total);
    if (to === fb.target && !absolute) return;
    const from = fb.target;
    fb.target = to;
    fb.seq += 1;
    fb.moved = true;
    // The room's view draws a neighbouring slide at once (the server sent it
    // with the current one); the server's answer then finds it already drawn.
    const near = d.neighbours && d.number === from ? { [from - 1]: d.neighbours[0], [from + 1]: d.neighbours[1] } : {};
    const ahead = d.presenter_near && d.number === from ? { [from - 1]: d.presenter_near[0], [from + 1]: d.presenter_near[1] } : {};
    if (d.mode === "presenter" && ahead[to]) {
      drawPresenter(root, ahead[to].now, ahead[to].next, ahead[to].notes, to, d.total);
      fit(root);
    } else if (d.mode !== "presenter" && near[to]) {
      drawSlide(root, near[to], to, d.total);
      fit(root);
      seeWhole(root);
    }
    fb.send("nav", { to, seq: fb.seq });
  };
  if (root.dataset.mode !== data.mode) {
    fb.html = fb.nextHtml = fb.notes = undefined;
    skeleton(root, data, go);
  }
  root.style.setProperty("--reserve", `${data.reserve || 150}px`);
  render(root, data);
  // A new focus (chosen in the select boxes under the frame) restarts at slide 1:
  // the keys belong to the slide again, whatever the choice left focused.
  if (fb.focus !== undefined && fb.focus !== data.focus) takeKeys(root);
  fb.focus = data.focus;

  // One key listener per mounted slideshow, on the window and in the capture
  // phase, so it runs before any widget that has focus can swallow the key.
  if (fb.onKey) window.removeEventListener("keydown", fb.onKey, true);
  fb.onKey = (e) => {
    if (!root.isConnected) return window.removeEventListener("keydown", fb.onKey, true);
    if (e.altKey || e.ctrlKey || e.metaKey || typing(deepActive())) return;
    let handled = true;
    if (NEXT.has(e.key)) go(1);
    else if (PREVIOUS.has(e.key)) go(-1);
    else if (e.key === "Home") go(1, true);
    else if (e.key === "End") go(fb.data.total, true);
    else if ((e.key === "f" || e.key === "F") && fb.data.mode !== "presenter") toggleFull(root);
    else if (e.key === "Escape" && isFull(root)) leaveFull(root);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  window.addEventListener("keydown", fb.onKey, true);

  if (!fb.observer) {
    fb.observer = new ResizeObserver(() => fit(root));
    fb.observer.observe(root);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => fit(root));
  }
  if (!fb.onFull) {
    fb.onFull = () => {
      if (!document.fullscreenElement) root.classList.remove("pseudo-full");
      fit(root);
    };
    document.addEventListener("fullscreenchange", fb.onFull);
  }
  if (fb.clock) clearInterval(fb.clock);
  if (data.mode === "presenter") {
    tick(root);
    fb.clock = setInterval(() => tick(root), 1000);
  }
  return () => {
    window.removeEventListener("keydown", fb.onKey, true);
    document.removeEventListener("fullscreenchange", fb.onFull);
    if (fb.observer) fb.observer.disconnect();
    if (fb.clock) clearInterval(fb.clock);
    fb.onKey = fb.onFull = fb.observer = fb.clock = undefined;
  };
}
