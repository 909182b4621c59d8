// Moderation forms: buttons that cannot be undone (delete, ban) ask first. On the queue, keyboard
// shortcuts: j/k move between items, x chooses one, a/h/s/n/d approve, hide, mark as spam, mark
// as not spam or delete, and ? lists them. An action works on the chosen items, or on the item in
// focus when none is chosen, by pressing the same button a mouse would. Single-key shortcuts get
// in the way of speech input and stray key presses (WCAG 2.1.4), so a switch turns them all off,
// and this browser remembers it.
(() => {
  let cancelled = false;

  // A form with data-confirm-buttons asks the question of the button that sent it, whether it
  // was clicked or pressed by a shortcut.
  document.addEventListener("submit", (event) => {
    const question = event.submitter?.dataset.confirm;
    if (!event.target.matches("[data-confirm-buttons]") || !question) return;
    if (!window.confirm(question)) {
      event.preventDefault();
      cancelled = true;
    }
  });

  const form = document.getElementById("queue-form");
  if (!form) return;
  const help = document.getElementById("queue-shortcuts");
  const shortcutsSwitch = document.querySelector("[data-shortcuts-switch]");
  const SWITCH_STORAGE = "torget.moderation.shortcuts";
  const claimedKeys = [...form.querySelectorAll("[aria-keyshortcuts]")].map((button) => [
    button,
    button.getAttribute("aria-keyshortcuts"),
  ]);
  const ACTION_KEYS = { a: "approve", h: "hide", s: "mark_spam", n: "mark_not_spam", d: "delete" };
  const NOT_TYPING = ["checkbox", "radio", "button", "submit", "reset"];

  // Shortcuts never fire while the moderator is typing; a checkbox in focus is not typing.
  function isTyping(target) {
    if (!(target instanceof Element)) return false;
    if (target.closest("textarea, select, [contenteditable]")) return true;
    return target.tagName === "INPUT" && !NOT_TYPING.includes(target.type);
  }

  function items() {
    return [...form.querySelectorAll("[data-queue-item]")];
  }

  function focusedItem() {
    return document.activeElement?.closest("[data-queue-item]") || null;
  }

  function move(step) {
    const all = items();
    if (!all.length) return;
    const index = all.indexOf(focusedItem());
    const next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), all.length - 1);
    all[next].focus();
  }

  function toggle() {
    const box = focusedItem()?.querySelector('input[name="items"]');
    if (box) box.checked = !box.checked;
  }

  function act(action) {
    const button = form.querySelector(`button[name="action"][value="${action}"]`);
    if (!button) return;
    let picked = null;
    if (!form.querySelector('input[name="items"]:checked')) {
      picked = focusedItem()?.querySelector('input[name="items"]');
      if (!picked) return;
      picked.checked = true;
    }
    cancelled = false;
    form.requestSubmit(button);
    // A refused confirm() leaves the page as it was, including what was not chosen.
    if (cancelled && picked) picked.checked = false;
  }

  // Storage can be refused (private windows, strict settings): shortcuts are then on, as by default.
  function rememberedOn() {
    try {
      return window.localStorage.getItem(SWITCH_STORAGE) !== "off";
    } catch {
      return true;
    }
  }

  function remember(on) {
    try {
      if (on) window.localStorage.removeItem(SWITCH_STORAGE);
      else window.localStorage.setItem(SWITCH_STORAGE, "off");
    } catch {
      // Not remembered; the switch still holds for this page.
    }
  }

  let shortcutsOn = rememberedOn();

  // Buttons name their key to assistive technology only while the key works.
  function showShortcuts(on) {
    shortcutsOn = on;
    if (!shortcutsSwitch) return;
    shortcutsSwitch.checked = on;
    const row = shortcutsSwitch.closest(".queue-shortcuts-switch");
    row.querySelector("[data-shortcuts-on]").hidden = !on;
    row.querySelector("[data-shortcuts-off]").hidden = on;
    shortcutsSwitch.setAttribute("aria-describedby", on ? "queue-keys-on" : "queue-keys-off");
    claimedKeys.forEach(([button, key]) => {
      if (on) button.setAttribute("aria-keyshortcuts", key);
      else button.removeAttribute("aria-keyshortcuts");
    });
  }

  if (shortcutsSwitch) {
    shortcutsSwitch.closest("[hidden]")?.removeAttribute("hidden");
    shortcutsSwitch.addEventListener("change", () => {
      remember(shortcutsSwitch.checked);
      showShortcuts(shortcutsSwitch.checked);
    });
  }
  showShortcuts(shortcutsOn);

  const chooseAll = document.querySelector("[data-choose-all]");
  if (chooseAll) {
    chooseAll.closest("[hidden]")?.removeAttribute("hidden");
    chooseAll.addEventListener("change", () => {
      form.querySelectorAll('input[name="items"]').forEach((box) => {
        box.checked = chooseAll.checked;
      });
    });
  }

  document.addEventListener("keydown", (event) => {
    if (!shortcutsOn || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || help?.open) return;
    const key = event.key;
    if (key === "j" || key === "k") move(key === "j" ? 1 : -1);
    else if (key === "x") toggle();
    else if (ACTION_KEYS[key]) act(ACTION_KEYS[key]);
    else if (key === "?" && help) help.showModal();
    else return;
    event.preventDefault();
  });
})();
