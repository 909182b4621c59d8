// Torget's comment field, embedded on an organization's own site:
//
//   <div id="torget-comments"></div>
//   <script src="https://torget.example/static/comments/widget.js" data-widget="ID" defer></script>
//
// Optional attributes on the script: data-page (the address comments are filed under; else the
// page's canonical link on the same site, else its address without the #fragment) and
// data-target (the id of the element to fill, "torget-comments" by default).
//
// Plain JavaScript without dependencies, loaded from Torget and talking to it across origins
// (without cookies). A comment's HTML is inserted as HTML only because Torget made it from a
// short list of allowed tags; every other text goes in as text.
(() => {
  "use strict";

  const STRINGS = {
    nb: {
      heading: "Kommentarer",
      loading: "Henter kommentarer …",
      none: "Ingen kommentarer ennå. Skriv gjerne den første.",
      loadFailed: "Kommentarene kunne ikke hentes akkurat nå. Prøv igjen senere.",
      write: "Skriv en kommentar",
      name: "Navn",
      comment: "Kommentar",
      hint: "Enkel HTML er lov: <b>, <i>, <em>, <strong>, <a href>, <q>, <blockquote>, <code>, <del>.",
      trap: "La dette feltet stå tomt",
      send: "Send kommentar",
      sending: "Sender kommentaren …",
      reply: "Svar",
      replyTo: (name) => `Svar til ${name}`,
      replying: (name) => `Du svarer ${name}.`,
      cancel: "Avbryt svaret",
      ours: "Svar fra oss",
      houseRules: "Les husreglene våre",
      published: "Takk! Kommentaren din er publisert.",
      held: "Takk! Kommentaren din vises når den er gjennomgått.",
      check: "Se over feltene som er merket.",
      failed: "Kommentaren kunne ikke sendes. Teksten ligger fortsatt i skjemaet; prøv igjen.",
      tooMany: (minutes) =>
        `Du har skrevet flere kommentarer på kort tid. Prøv igjen om ${minutes} ${minutes === 1 ? "minutt" : "minutter"}. Teksten ligger fortsatt i skjemaet.`,
      errors: {
        "name.required": "Skriv navnet ditt.",
        "name.too_long": (n) => `Navnet kan være høyst ${n} tegn.`,
        "text.required": "Skriv en kommentar.",
        "text.too_long": (n) => `Kommentaren kan være høyst ${n} tegn.`,
        "in_reply_to.unknown": "Kommentaren du svarer på, finnes ikke lenger på siden.",
      },
    },
    nn: {
      heading: "Kommentarar",
      loading: "Hentar kommentarar …",
      none: "Ingen kommentarar enno. Skriv gjerne den første.",
      loadFailed: "Kommentarane kunne ikkje hentast akkurat no. Prøv igjen seinare.",
      write: "Skriv ein kommentar",
      name: "Namn",
      comment: "Kommentar",
      hint: "Enkel HTML er lov: <b>, <i>, <em>, <strong>, <a href>, <q>, <blockquote>, <code>, <del>.",
      trap: "La dette feltet stå tomt",
      send: "Send kommentar",
      sending: "Sender kommentaren …",
      reply: "Svar",
      replyTo: (name) => `Svar til ${name}`,
      replying: (name) => `Du svarar ${name}.`,
      cancel: "Avbryt svaret",
      ours: "Svar frå oss",
      houseRules: "Les husreglane våre",
      published: "Takk! Kommentaren din er publisert.",
      held: "Takk! Kommentaren din blir vist når han er gått gjennom.",
      check: "Sjå over felta som er merkte.",
      failed: "Kommentaren kunne ikkje sendast. Teksten ligg framleis i skjemaet; prøv igjen.",
      tooMany: (minutes) =>
        `Du har skrive fleire kommentarar på kort tid. Prøv igjen om ${minutes} minutt. Teksten ligg framleis i skjemaet.`,
      errors: {
        "name.required": "Skriv namnet ditt.",
        "name.too_long": (n) => `Namnet kan vere høgst ${n} teikn.`,
        "text.required": "Skriv ein kommentar.",
        "text.too_long": (n) => `Kommentaren kan vere høgst ${n} teikn.`,
        "in_reply_to.unknown": "Kommentaren du svarar på, finst ikkje lenger på sida.",
      },
    },
    en: {
      heading: "Comments",
      loading: "Loading comments …",
      none: "No comments yet. Be the first to write one.",
      loadFailed: "The comments could not be loaded just now. Please try again later.",
      write: "Write a comment",
      name: "Name",
      comment: "Comment",
      hint: "Simple HTML is allowed: <b>, <i>, <em>, <strong>, <a href>, <q>, <blockquote>, <code>, <del>.",
      trap: "Leave this field empty",
      send: "Send comment",
      sending: "Sending your comment …",
      reply: "Reply",
      replyTo: (name) => `Reply to ${name}`,
      replying: (name) => `You are replying to ${name}.`,
      cancel: "Cancel the reply",
      ours: "Our reply",
      houseRules: "Read our house rules",
      published: "Thank you! Your comment is published.",
      held: "Thank you! Your comment will be shown once it has been reviewed.",
      check: "Please check the fields marked.",
      failed: "Your comment could not be sent. Your text is still in the form; please try again.",
      tooMany: (minutes) =>
        `You have written several comments in a short time. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}. Your text is still in the form.`,
      errors: {
        "name.required": "Please write your name.",
        "name.too_long": (n) => `The name can be at most ${n} characters.`,
        "text.required": "Please write a comment.",
        "text.too_long": (n) => `The comment can be at most ${n} characters.`,
        "in_reply_to.unknown": "The comment you reply to is no longer on the page.",
      },
    },
  };
  const LOCALES = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

  const CSS = `
.torget-comments { max-width: 45rem; margin: 2rem 0; color: #1d1d1b; }
.torget-comments *, .torget-comments *::before, .torget-comments *::after { box-sizing: border-box; }
.torget-comments h2, .torget-comments h3 { margin: 1.5rem 0 .5rem; line-height: 1.25; }
.torget-list, .torget-replies { list-style: none; margin: 0; padding: 0; }
.torget-comment { border-top: 1px solid #c8c8c8; padding: .75rem 0; }
.torget-replies { margin: .5rem 0 0 1rem; padding-left: .75rem; border-left: 3px solid #c8c8c8; }
.torget-replies .torget-comment { border-top: none; padding: .5rem 0; }
.torget-ours { background: #eef5f3; padding: .5rem .75rem; border-radius: 4px; }
.torget-meta { margin: 0 0 .25rem; }
.torget-meta time, .torget-muted { color: #545454; font-size: .9em; }
.torget-badge { display: inline-block; margin: 0 .4em; padding: 0 .5em; border: 1px solid currentColor; border-radius: 999px; font-size: .8em; color: #00594f; }
.torget-body { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.torget-body blockquote { margin: .25rem 0 .25rem .75rem; padding-left: .5rem; border-left: 3px solid #c8c8c8; }
.torget-body a { color: #0b57a4; }
.torget-form label { display: block; margin-top: .75rem; font-weight: 600; }
.torget-form input, .torget-form textarea { display: block; width: 100%; margin-top: .25rem; padding: .45rem; font: inherit; color: #1d1d1b; background: #fff; border: 1px solid #6b6b6b; border-radius: 4px; }
.torget-form textarea { min-height: 7rem; resize: vertical; }
.torget-form [aria-invalid="true"] { border: 2px solid #b3261e; }
.torget-error { margin: .25rem 0 0; color: #b3261e; }
.torget-error:empty { display: none; }
.torget-trap { position: absolute !important; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.torget-button { margin-top: .75rem; padding: .5rem 1rem; font: inherit; color: #fff; background: #00594f; border: 2px solid #00594f; border-radius: 4px; cursor: pointer; }
.torget-button[aria-disabled="true"] { opacity: .7; cursor: progress; }
.torget-link { padding: 0; font: inherit; font-size: .9em; color: #00594f; background: none; border: none; text-decoration: underline; cursor: pointer; }
.torget-status { min-height: 1.5em; margin: .75rem 0 0; font-weight: 600; }
.torget-status.torget-problem { color: #b3261e; }
.torget-comments :focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
`;

  const script =
    document.currentScript || document.querySelector('script[data-widget][src*="comments/widget.js"]');
  if (!script || !script.dataset.widget) return;
  const root = document.getElementById(script.dataset.target || "torget-comments");
  if (!root) return;

  const lang = languageOf(document.documentElement.lang);
  const t = STRINGS[lang];
  const endpoint = `${new URL(script.src, location.href).origin}/comments/${encodeURIComponent(script.dataset.widget)}/`;
  const page = pageAddress();
  const uid = `torget-${Math.random().toString(36).slice(2, 8)}`;
  let limits = { name: 100, text: 4000 };
  let replyingTo = null;
  let busy = false;

  // Norwegian unless the page says otherwise; English for any language the widget lacks.
  function languageOf(code) {
    const tag = (code || "nb").toLowerCase();
    if (tag.startsWith("nn")) return "nn";
    return tag.startsWith("nb") || tag.startsWith("no") ? "nb" : "en";
  }

  function pageAddress() {
    if (script.dataset.page) return script.dataset.page;
    const canonical = document.querySelector('link[rel="canonical"]');
    if (canonical && new URL(canonical.href, location.href).origin === location.origin) {
      return new URL(canonical.href, location.href).href.split("#")[0];
    }
    return location.href.split("#")[0];
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value);
    }
    node.append(...children.filter(Boolean));
    return node;
  }

  function injectStyle() {
    if (document.getElementById("torget-comments-style")) return;
    document.head.append(element("style", { id: "torget-comments-style", text: CSS }));
  }

  function request(method, body) {
    const url = method === "GET" ? `${endpoint}?page=${encodeURIComponent(page)}` : endpoint;
    const headers = { Accept: "application/json", "Accept-Language": lang };
    if (body) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method,
      mode: "cors",
      credentials: "omit",
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  // --- The list of comments ---------------------------------------------------------------

  const heading = element("h2", { id: `${uid}-heading`, text: t.heading });
  const list = element("ol", { class: "torget-list" });
  const listStatus = element("p", { class: "torget-muted", text: t.loading });

  function when(iso) {
    const moment = new Date(iso);
    const shown = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short" });
    return element("time", { datetime: iso, text: shown.format(moment) });
  }

  function commentNode(comment, isReply) {
    const meta = element(
      "p",
      { class: "torget-meta" },
      element("strong", { text: comment.name }),
      comment.ours ? element("span", { class: "torget-badge", text: t.ours }) : null,
      " ",
      when(comment.created_at),
    );
    const body = element("div", { class: "torget-body" });
    body.innerHTML = comment.html; // made safe by Torget: only the allowed tags and attributes
    const item = element(
      "li",
      { class: `torget-comment${comment.ours ? " torget-ours" : ""}`, id: `torget-comment-${comment.id}` },
      meta,
      body,
    );
    if (!isReply) {
      item.append(
        element("button", {
          type: "button",
          class: "torget-link",
          "aria-label": t.replyTo(comment.name),
          text: t.reply,
          onclick: () => startReply(comment),
        }),
      );
      const replies = (comment.replies || []).map((reply) => commentNode(reply, true));
      if (replies.length) item.append(element("ol", { class: "torget-replies" }, ...replies));
    }
    return item;
  }

  function showComments(comments) {
    const total = comments.reduce((sum, comment) => sum + 1 + (comment.replies || []).length, 0);
    heading.textContent = total ? `${t.heading} (${total})` : t.heading;
    list.replaceChildren(...comments.map((comment) => commentNode(comment, false)));
    listStatus.textContent = comments.length ? "" : t.none;
    listStatus.hidden = comments.length > 0;
  }

  async function load() {
    try {
      const response = await request("GET");
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || response.statusText);
      limits = answer.limits || limits;
      nameInput.maxLength = limits.name;
      textInput.maxLength = limits.text;
      if (answer.house_rules) {
        rules.replaceChildren(element("a", { href: answer.house_rules, text: t.houseRules }));
        rules.hidden = false;
      }
      showComments(answer.comments);
    } catch (problem) {
      listStatus.hidden = false;
      listStatus.textContent = t.loadFailed;
    }
  }

  // --- The form -----------------------------------------------------------------------------

  function field(name, label, control) {
    const error = element("p", { class: "torget-error", id: `${uid}-${name}-error` });
    control.id = `${uid}-${name}`;
    control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), error.id].filter(Boolean).join(" "));
    return { error, nodes: [element("label", { for: control.id, text: label }), control, error] };
  }

  const nameInput = element("input", { name: "name", type: "text", autocomplete: "name", required: "", "aria-required": "true" });
  const hint = element("p", { class: "torget-muted", id: `${uid}-hint`, text: t.hint });
  const rules = element("p", { class: "torget-muted", hidden: "" });
  const textInput = element("textarea", { name: "text", rows: "5", required: "", "aria-required": "true", "aria-describedby": hint.id });
  // Hidden from people and their assistive technology; robots that fill in every field fill it.
  const trapInput = element("input", { name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
  const trap = element(
    "div",
    { class: "torget-trap", "aria-hidden": "true" },
    element("label", { for: `${uid}-website`, text: t.trap }),
    trapInput,
  );
  trapInput.id = `${uid}-website`;
  const nameField = field("name", t.name, nameInput);
  const textField = field("text", t.comment, textInput);
  const fields = { name: [nameInput, nameField.error], text: [textInput, textField.error] };
  const replyNote = element("p", { class: "torget-muted", hidden: "" });
  const submit = element("button", { type: "submit", class: "torget-button", text: t.send });
  const status = element("p", { class: "torget-status", role: "status", "aria-live": "polite" });
  const form = element(
    "form",
    { class: "torget-form", novalidate: "", "aria-labelledby": `${uid}-write`, onsubmit: send },
    element("h3", { id: `${uid}-write`, text: t.write }),
    replyNote,
    ...nameField.nodes,
    ...textField.nodes,
    hint,
    trap,
    submit,
    status,
    rules,
  );

  function say(message, problem = false) {
    status.classList.toggle("torget-problem", problem);
    status.textContent = message;
  }

  function startReply(comment) {
    replyingTo = comment;
    replyNote.replaceChildren(
      t.replying(comment.name) + " ",
      element("button", { type: "button", class: "torget-link", text: t.cancel, onclick: stopReply }),
    );
    replyNote.hidden = false;
    textInput.focus();
  }

  function stopReply() {
    const wasReplying = replyingTo !== null;
    replyingTo = null;
    replyNote.hidden = true;
    replyNote.replaceChildren();
    if (wasReplying && document.activeElement === document.body) textInput.focus();
  }

  function clearErrors() {
    for (const [control, error] of Object.values(fields)) {
      control.removeAttribute("aria-invalid");
      error.textContent = "";
    }
  }

  function showErrors(answer) {
    let first = null;
    for (const [name, code] of Object.entries(answer.codes || {})) {
      const known = t.errors[`${name}.${code}`];
      const message = typeof known === "function" ? known(limits[name]) : known || answer.errors[name];
      if (!fields[name]) {
        say(message, true);
        continue;
      }
      const [control, error] = fields[name];
      control.setAttribute("aria-invalid", "true");
      error.textContent = message;
      first = first || control;
    }
    if (first) {
      say(t.check, true);
      first.focus();
    }
  }

  async function send(event) {
    event.preventDefault();
    if (busy) return;
    clearErrors();
    const comment = { page, name: nameInput.value, text: textInput.value, website: trapInput.value };
    if (replyingTo) comment.in_reply_to = replyingTo.id;
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    say(t.sending);
    try {
      await answered(await request("POST", comment));
    } catch (problem) {
      say(t.failed, true);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
    }
  }

  async function answered(response) {
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      textInput.value = "";
      stopReply();
      say(answer.held ? t.held : t.published);
      if (!answer.held) await load();
    } else if (response.status === 400 && answer.codes) {
      showErrors(answer);
    } else if (response.status === 429) {
      const seconds = Number(response.headers.get("Retry-After")) || answer.retry_after || 600;
      say(t.tooMany(Math.max(1, Math.round(seconds / 60))), true);
    } else {
      say(answer.error || t.failed, true);
    }
  }

  injectStyle();
  root.replaceChildren(
    element(
      "section",
      { class: "torget-comments", "aria-labelledby": heading.id, lang },
      heading,
      listStatus,
      list,
      form,
    ),
  );
  load();
})();
