// mldrill pages: editor, streamed test results, countdowns, rubric feedback, mock interviews.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail ? JSON.stringify(data.detail) : response.statusText);
  return data;
}

// ---- editor: a textarea (CodeMirror on top when the bundle is loaded) and a file tree
function setupEditor(root, files) {
  const textarea = $("textarea", root);
  const state = { files: { ...files }, current: Object.keys(files)[0] || null };
  if (window.mldrillEditor) window.mldrillEditor.attach(textarea);
  const setText = (text) => (textarea.mldrillSetValue ? textarea.mldrillSetValue(text) : (textarea.value = text));
  textarea.addEventListener("input", () => { if (state.current) state.files[state.current] = textarea.value; });
  const buttons = () => $$("button[data-file]", root);
  function show(name) {
    if (state.current) state.files[state.current] = textarea.value;
    state.current = name;
    setText(state.files[name] ?? "");
    for (const b of buttons()) b.setAttribute("aria-pressed", String(b.dataset.file === name));
  }
  for (const b of buttons()) b.addEventListener("click", () => show(b.dataset.file));
  if (state.current) setText(state.files[state.current]);
  return {
    getFiles() { if (state.current) state.files[state.current] = textarea.value; return { ...state.files }; },
    setFiles(newFiles) {
      state.files = { ...newFiles };
      state.current = Object.keys(newFiles)[0] || null;
      const nav = $("nav.files ul", root);
      if (nav) {
        nav.replaceChildren(...Object.keys(newFiles).map((n) =>
          el("li", {}, el("button", { type: "button", class: "file", "data-file": n, "aria-pressed": "false", text: n }))));
        for (const b of buttons()) b.addEventListener("click", () => show(b.dataset.file));
      }
      if (state.current) show(state.current);
    },
    onChange(fn) { textarea.addEventListener("input", fn); },
  };
}

// ---- countdown with warnings at 5 and 1 minutes
function formatClock(seconds) {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(Math.trunc(seconds));
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function countdown(root, getRemaining, onZero) {
  const clock = $("[data-countdown]", root);
  const warning = $("[data-timer-warning]", root);
  let warned5 = false, warned1 = false, fired = false;
  function tick() {
    const left = getRemaining();
    if (left === null) { clock.textContent = ""; return; }
    clock.textContent = formatClock(left);
    clock.classList.toggle("low", left <= 60);
    if (left <= 300 && left > 60 && !warned5) { warned5 = true; warning.textContent = "5 minutes left."; }
    if (left <= 60 && left > 0 && !warned1) { warned1 = true; warning.textContent = "1 minute left."; }
    if (left <= 0 && !fired) { fired = true; warning.textContent = "Time is up."; if (onZero) onZero(); }
  }
  tick();
  return setInterval(tick, 1000);
}

// ---- streamed results
async function streamRun(url, body, onLine) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    throw new Error(data.detail ? JSON.stringify(data.detail) : response.statusText);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, cut).trim();
      buffer = buffer.slice(cut + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
}

// ---- step-through: one failing test traced in the sandbox, shown a step at a time
function traceViewer(trace) {
  const box = el("section", { class: "trace", "aria-label": `Trace of ${trace.test}` });
  const steps = [];
  for (const [ci, call] of trace.calls.entries()) {
    for (const step of call.steps) steps.push({ call, ci, step });
  }
  box.append(el("h3", { text: `Step through ${trace.test} (${steps.length} steps)` }));
  if (!steps.length) { box.append(el("p", { text: "No line of your code ran in this test." })); return box; }
  const where = el("p", { class: "meta", "aria-live": "polite" });
  const source = el("pre", { class: "source" });
  const locals = el("table", { class: "locals" });
  const prev = el("button", { type: "button", text: "Previous step", "data-trace-prev": "" });
  const next = el("button", { type: "button", text: "Next step", "data-trace-next": "" });
  let index = 0;
  function show() {
    const { call, ci, step } = steps[index];
    where.textContent = `step ${index + 1} of ${steps.length} · call ${ci + 1}: ${call.function}(${call.arguments_text.join(", ")}) · ${step.file}:${step.line} (${step.event})`;
    source.textContent = step.source || "";
    locals.replaceChildren(el("caption", { text: "Local variables" }));
    for (const [name, text] of Object.entries(step.locals_text)) {
      locals.append(el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text })));
    }
    if (step.event === "return" && step.value_text) locals.append(el("tr", {}, el("th", { scope: "row", text: "returns" }), el("td", { text: step.value_text })));
    if (step.exception) locals.append(el("tr", {}, el("th", { scope: "row", text: "raises" }), el("td", { text: `${step.exception.type}: ${step.exception.message}` })));
    prev.disabled = index === 0;
    next.disabled = index === steps.length - 1;
  }
  prev.addEventListener("click", () => { index = Math.max(0, index - 1); show(); });
  next.addEventListener("click", () => { index = Math.min(steps.length - 1, index + 1); show(); });
  box.addEventListener("keydown", (e) => {
    if (e.key === "ArrowRight" || e.key === "n") { next.click(); e.preventDefault(); }
    if (e.key === "ArrowLeft" || e.key === "p") { prev.click(); e.preventDefault(); }
  });
  box.append(where, source, locals, el("div", { class: "actions" }, prev, next));
  if (trace.calls.some((c) => c.truncated)) box.append(el("p", { class: "meta", text: "The trace was cut at the step limit." }));
  show();
  return box;
}

function renderTest(event, traceFn) {
  const li = el("li", { class: `test ${event.status}`, "data-test": event.name });
  li.append(el("span", { class: "status", text: event.status }), " ", el("span", { text: event.name }),
    el("span", { class: "meta", text: ` (${Math.round(event.duration_ms)} ms)` }));
  if (event.status !== "pass" && event.message) li.append(el("pre", { class: "message", text: event.message }));
  if (event.hint) li.append(el("p", { class: "hint", text: `Hint: ${event.hint}` }));
  if (event.status !== "pass" && traceFn) {
    const button = el("button", { type: "button", text: "Step through", "data-trace": event.name, "aria-label": `Step through ${event.name}` });
    button.addEventListener("click", async () => {
      button.disabled = true;
      try { li.append(traceViewer(await traceFn(event.name))); }
      catch (err) { li.append(el("p", { class: "fail", text: `Trace failed: ${err.message}` })); }
    });
    li.append(button);
  }
  return li;
}

function renderResult(result, out) {
  out.replaceChildren();
  const dims = Object.entries(result.dimensions || {}).map(([k, v]) => `${k} ${Math.round(v)}`).join(" · ");
  out.append(el("p", { text: `By dimension: ${dims}` }));
  if (result.syntax_error) {
    const e = result.syntax_error;
    out.append(el("p", { class: "fail", text: `SyntaxError in ${e.file}, line ${e.line}: ${e.message}` }));
  }
  for (const f of (result.readability && result.readability.findings) || []) {
    out.append(el("p", { class: "meta", text: `readability: line ${f.line}: ${f.code} ${f.message}` }));
  }
}

function setupSolve(root) {
  const problem = root.dataset.problem;
  const files = JSON.parse($("[data-files]", root).textContent);
  const draftKey = `mldrill:draft:${problem}`;
  const saved = localStorage.getItem(draftKey);
  const editor = setupEditor($("[data-editor]", root), saved ? JSON.parse(saved) : files);
  editor.onChange(() => localStorage.setItem(draftKey, JSON.stringify(editor.getFiles())));
  const startKey = `mldrill:start:${problem}`;
  if (!localStorage.getItem(startKey)) localStorage.setItem(startKey, String(Date.now()));
  const minutes = Number(root.dataset.minutes);
  countdown(root, () => minutes * 60 - (Date.now() - Number(localStorage.getItem(startKey))) / 1000);
  $("[data-reset-timer]", root).addEventListener("click", () => { localStorage.setItem(startKey, String(Date.now())); location.reload(); });
  const results = $("[data-results]", root), summary = $("[data-summary]", root), details = $("[data-details]", root);
  for (const button of $$("button[data-run]", root)) {
    button.addEventListener("click", async () => {
      const suite = button.dataset.run;
      for (const b of $$("button[data-run]", root)) b.disabled = true;
      results.replaceChildren(); details.replaceChildren();
      summary.textContent = suite === "public" ? "Running the public tests…" : "Submitting: running the hidden tests…";
      try {
        await streamRun(`/api/problems/${problem}/run`, { files: editor.getFiles(), suite }, (line) => {
          if (line.type === "test") results.append(renderTest(line, async (test) => {
            const r = await api("POST", `/api/problems/${problem}/trace`, { files: editor.getFiles(), test, suite });
            if (!r.trace) throw new Error(r.detail);
            return r.trace;
          }));
          else if (line.type === "result") {
            const r = line.result;
            const passed = r.tests.filter((t) => t.status === "pass").length;
            summary.textContent = `${r.status}: ${passed}/${r.tests.length} tests passed, score ${Math.round(r.score)}/100`;
            summary.dataset.status = r.status;
            renderResult(r, details);
          } else if (line.type === "error") summary.textContent = `Error: ${line.detail}`;
        });
      } catch (err) {
        summary.textContent = `Error: ${err.message}`;
      } finally {
        for (const b of $$("button[data-run]", root)) b.disabled = false;
      }
    });
  }
}

// ---- rubric feedback
function suggestedRating(score) {
  if (score < 40) return 1;
  if (score < 70) return 2;
  if (score < 90) return 3;
  return 4;
}

// One rubric point's verdict, description and evidence; and a misconception's line.
function pointItem(p) {
  const li = el("li", { class: `point ${p.status}`, "data-point": p.id });
  li.append(el("strong", { text: `${p.status}: ` }), p.description);
  if (p.evidence) li.append(el("blockquote", { text: p.evidence }));
  return li;
}

function misconceptionLine(m) {
  return el("p", { class: "misconception", text: `Misconception: "${m.evidence}". ${m.correction}` });
}

function renderRubric(out, data) {
  const { result, rubric, answer_id: answerId } = data;
  out.replaceChildren();
  out.append(el("h2", { text: `Score: ${Math.round(result.score)}/100` }));
  const list = el("ul", { class: "points" });
  for (const p of result.points) {
    const li = pointItem(p);
    const select = el("select", { "aria-label": `Your own verdict on: ${p.description}`, "data-override": p.id });
    for (const s of ["covered", "partial", "missed"]) {
      const option = el("option", { value: s, text: `I think: ${s}` });
      if (s === p.status) option.selected = true;
      select.append(option);
    }
    li.append(" ", select);
    list.append(li);
  }
  out.append(list);
  for (const m of result.misconceptions) out.append(misconceptionLine(m));
  const save = el("button", { type: "button", text: "Save my own grading" });
  const saved = el("span", { role: "status", "aria-live": "polite" });
  save.addEventListener("click", async () => {
    const overrides = {};
    for (const s of $$("select[data-override]", out)) overrides[s.dataset.override] = s.value;
    const r = await api("POST", `/api/answers/${answerId}/self-grade`, { item_id: result.item, overrides });
    saved.textContent = ` Saved: your score ${Math.round(r.self_score)}/100 (automatic ${Math.round(result.score)}).`;
  });
  out.append(el("p", {}, save, saved));
  const full = el("details", { open: "" });
  full.append(el("summary", { text: "The whole rubric and the model answer" }));
  const points = el("ul");
  for (const p of rubric.points) points.append(el("li", { text: `${p.description} (weight ${p.weight})` }));
  full.append(points, el("h3", { text: "Model answer" }), el("p", { class: "model", text: rubric.model_answer }));
  if (rubric.misconceptions.length) {
    const ms = el("ul");
    for (const c of rubric.misconceptions) ms.append(el("li", { text: c }));
    full.append(el("h3", { text: "Common misconceptions" }), ms);
  }
  const fu = el("ul");
  for (const f of rubric.follow_ups) fu.append(el("li", { text: f }));
  full.append(el("h3", { text: "Follow-ups an interviewer would ask" }), fu);
  out.append(full);
}

function setupAnswerForm(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = form.parentElement.querySelector("[data-rubric-out]");
    out.textContent = "Grading…";
    try {
      const data = await api("POST", `/api/questions/${form.dataset.item}/answer`, { answer: $("textarea", form).value });
      renderRubric(out, data);
      const rate = form.closest("[data-card]") && $("[data-rate]", form.closest("[data-card]"));
      if (rate) {
        const suggestion = suggestedRating(data.result.score);
        rate.dataset.suggested = suggestion;
        rate.dataset.score = data.result.score;
        for (const b of $$("button[data-rating]", rate)) b.setAttribute("aria-pressed", String(Number(b.dataset.rating) === suggestion));
        $(`button[data-rating="${suggestion}"]`, rate).focus();
      }
    } catch (err) {
      out.textContent = `Error: ${err.message}`;
    }
  });
}

function setupRating(fieldset) {
  for (const b of $$("button[data-rating]", fieldset)) {
    b.addEventListener("click", async () => {
      const body = { rating: Number(b.dataset.rating) };
      if (fieldset.dataset.suggested) body.suggested = Number(fieldset.dataset.suggested);
      if (fieldset.dataset.score) body.score = Number(fieldset.dataset.score);
      const r = await api("POST", `/api/review/${encodeURIComponent(fieldset.dataset.rate)}/rate`, body);
      $("[data-rate-status]", fieldset).textContent = ` Next review: ${r.due.slice(0, 10)}`;
    });
  }
}

// ---- mock interview
function setupMock(root) {
  const sessionId = root.dataset.session;
  const codeArea = $("[data-code-area]", root), textArea = $("[data-text-area]", root);
  const status = $("[data-mock-status]", root);
  let editor = null, state = null, fetchedAt = 0, roundId = null, dirty = false;
  const remaining = () => {
    if (!state || state.current === null) return null;
    const r = state.rounds[state.current];
    if (r.remaining_seconds === null) return null;
    return state.paused ? r.remaining_seconds : r.remaining_seconds - (Date.now() - fetchedAt) / 1000;
  };
  const draft = () => (textArea.hidden ? { files: editor.getFiles() } : { text: $("#mock-answer").value });

  function render() {
    if (state.finished) { location.reload(); return; }
    const r = state.rounds[state.current];
    for (const li of $$("[data-round-item]")) {
      const rv = state.rounds.find((x) => String(x.id) === li.dataset.roundItem);
      $("[data-round-state]", li).textContent = rv.state + (rv.auto_submitted ? " (auto-submitted)" : "") + (rv.score !== null ? ` · ${Math.round(rv.score)}` : "");
    }
    $("[data-round-title]", root).textContent = `Round ${r.position + 1}: ${r.title} · ${state.prompt.title}`;
    $("[data-prompt]", root).innerHTML = state.prompt.statement_html;  // rendered by the server, HTML escaped
    $("[data-mock-start]", root).hidden = r.state !== "waiting";
    $("[data-mock-submit]", root).hidden = r.state !== "running";
    const hintButton = $("[data-mock-hint]", root);
    if (hintButton) hintButton.hidden = r.state !== "running";
    const pause = $("[data-mock-pause]", root);
    if (pause) pause.textContent = state.paused ? "Resume" : "Pause";
    // A waiting round shows neither its question nor an answer area: the clock has not started.
    const waiting = r.state === "waiting";
    const coding = r.kind === "implement" || r.kind === "debug";
    codeArea.hidden = !coding || waiting;
    textArea.hidden = coding || waiting;
    const key = `${r.id}:${waiting}`;
    if (roundId !== key) {
      roundId = key;
      dirty = false;
      $("[data-hint]", root).textContent = "";
      root.classList.toggle("coding", coding);
      if (!waiting && coding) {
        const files = (state.draft && state.draft.files) || state.prompt.files;
        if (!editor) editor = setupEditor($("[data-editor]", codeArea), files);
        else editor.setFiles(files);
        editor.onChange(() => { dirty = true; });
      } else if (!waiting) {
        $("#mock-answer").value = (state.draft && state.draft.text) || "";
      }
    }
  }

  async function refresh() {
    state = await api("GET", `/api/mock/${sessionId}`);
    fetchedAt = Date.now();
    render();
  }

  async function saveDraft() {
    if (!state || state.current === null || !dirty) return;
    const r = state.rounds[state.current];
    if (r.state !== "running") return;
    dirty = false;
    try { await api("PUT", `/api/mock/${sessionId}/rounds/${r.id}/draft`, draft()); } catch (err) { dirty = true; }
  }

  $("#mock-answer").addEventListener("input", () => { dirty = true; });
  $("[data-mock-submit]", root).addEventListener("click", async () => {
    const r = state.rounds[state.current];
    status.textContent = "Submitting…";
    try {
      const after = await api("POST", `/api/mock/${sessionId}/rounds/${r.id}/submit`, draft());
      const done = after.rounds[r.position];
      status.textContent = done.score === null ? "Submitted. Results come at the end (strict mode)." : `Submitted: ${Math.round(done.score)}/100.`;
      if (after.submitted) showReference($("[data-round-result]", root), after.submitted, done.result);
    } catch (err) { status.textContent = `Error: ${err.message}`; }
    await refresh();
  });
  $("[data-mock-start]", root).addEventListener("click", async () => { await api("POST", `/api/mock/${sessionId}/start`); await refresh(); });
  const hint = $("[data-mock-hint]", root);
  if (hint) hint.addEventListener("click", async () => {
    try {
      const r = await api("POST", `/api/mock/${sessionId}/rounds/${state.rounds[state.current].id}/hint`);
      $("[data-hint]", root).textContent = `Hint: ${r.hint}`;
    } catch (err) { $("[data-hint]", root).textContent = err.message; }
  });
  const pause = $("[data-mock-pause]", root);
  if (pause) pause.addEventListener("click", async () => {
    await api("POST", `/api/mock/${sessionId}/${state.paused ? "resume" : "pause"}`);
    await refresh();
  });
  countdown(root, remaining, async () => {
    if (root.dataset.mode === "strict") { dirty = true; await saveDraft(); await refresh(); }
  });
  setInterval(saveDraft, 5000);
  setInterval(async () => { await saveDraft(); await refresh(); }, Number(root.dataset.poll || 2000));
  refresh();
}

function showVerdicts(box, result) {
  // A theory or design round: each point's verdict and evidence, then misconceptions.
  const list = el("ul", { class: "points", "aria-label": "Your answer against the rubric" });
  for (const p of result.points) list.append(pointItem(p));
  box.append(list);
  for (const m of result.misconceptions) box.append(misconceptionLine(m));
  box.append(el("h4", { text: "Model answer" }));
}

function showReference(out, done, result) {
  const ref = done.reference;
  const box = el("details", { open: "" }, el("summary", { text: `Reference for round ${done.position + 1}: ${done.item_title}` }));
  if (ref.model_answer && result && result.points) showVerdicts(box, result);
  if (ref.model_answer) {
    box.append(el("p", { class: "model", text: ref.model_answer }));
    const points = el("ul");
    for (const p of ref.points) points.append(el("li", { text: `${p.description} (weight ${p.weight})` }));
    box.append(points);
  } else if (ref.files) {
    for (const [name, text] of Object.entries(ref.files)) box.append(el("h4", { text: name }), el("pre", {}, el("code", { text })));
  } else {
    box.append(el("p", { text: `Listen for: ${ref.competencies.join(", ")}` }));
  }
  out.replaceChildren(box);
}

function setupMockForm(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const format = $("input[name=format]:checked", form).value;
    const view = await api("POST", "/api/mock", { format, strict: $("#strict", form).checked });
    location.href = `/mock/${view.id}`;
  });
}

// ---- stories
function setupStories() {
  for (const form of $$("[data-story-form]")) form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    data.tags = (data.tags || "").split(",").map((t) => t.trim()).filter(Boolean);
    const id = form.dataset.storyId;
    try { await api(id ? "PUT" : "POST", id ? `/api/stories/${id}` : "/api/stories", data); location.reload(); }
    catch (err) { $("[data-story-status]", form).textContent = `Error: ${err.message}`; }
  });
  const cover = $("[data-cover]");
  if (cover) cover.addEventListener("click", async () => {
    const out = $("[data-cover-out]");
    out.textContent = "Matching stories to questions…";
    const r = await api("GET", "/api/stories/cover");
    out.replaceChildren(el("p", { text: `Smallest set of stories: ${r.chosen.join(", ") || "none"}.` }));
    const list = el("ul");
    for (const q of r.uncovered) list.append(el("li", { text: q.question }));
    out.append(el("p", { text: `${r.uncovered.length} question(s) no story answers yet:` }), list);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const solve = $("[data-solve]");
  if (solve) setupSolve(solve);
  for (const form of $$("[data-answer-form]")) setupAnswerForm(form);
  for (const fs of $$("[data-rate]")) setupRating(fs);
  const mock = $("[data-mock]");
  if (mock) setupMock(mock);
  const mockForm = $("[data-mock-form]");
  if (mockForm) setupMockForm(mockForm);
  setupStories();
});
