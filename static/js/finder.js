// Progressive enhancement of the finder's GET form: a changed filter updates the page in place.
//
// Without JavaScript the form and the "Ergebnisse anzeigen" button work as before. With it,
// a change fetches the very URL the form would open — the same cacheable page the server gives
// everyone — and swaps in the parts marked data-finder-part (count, active filters, filters,
// results). The address bar follows (pushState; replaceState when the URL stays the same), so
// the state stays shareable and Back works; the new count is announced through a live region
// and the focus stays on the control.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  var live = document.querySelector("[data-finder-live]");
  if (!form || !live || !window.fetch || !window.DOMParser || !window.history.pushState) { return; }
  var panel = document.getElementById("filter-panel");
  var wide = window.matchMedia("(min-width: 60rem)");
  var pending = null;

  function showHint() {
    var hint = form.querySelector("[data-autosubmit-hint]");
    if (hint) { hint.hidden = false; }
  }
  showHint();
  // Browsers without ::details-content would fold the sidebar on a wide screen.
  if (panel && wide.matches) { panel.open = true; }

  // The URL the form would open, without empty values.
  function formUrl() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") { query.append(name, value); }
    });
    var text = query.toString();
    return form.action.split("?")[0] + (text ? "?" + text : "");
  }

  // How to find a control again after its part was replaced.
  function locator(element) {
    if (!element || !element.name) { return element && element.id ? "#" + CSS.escape(element.id) : null; }
    var selector = "[name='" + CSS.escape(element.name) + "']";
    if (element.type === "checkbox" || element.type === "radio") {
      selector += "[value='" + CSS.escape(element.value) + "']";
    }
    return selector;
  }

  function openDetails() {
    return Array.prototype.map.call(
      document.querySelectorAll("[data-finder-part] details[id][open]"), function (d) { return d.id; });
  }

  function swap(html, focusSelector) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var opened = openDetails();
    document.querySelectorAll("[data-finder-part]").forEach(function (part) {
      var replacement = part.id && fresh.getElementById(part.id);
      if (replacement) { part.replaceWith(document.importNode(replacement, true)); }
    });
    opened.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) { details.open = true; }
    });
    document.title = fresh.title;
    showHint();
    if (focusSelector) {
      var target = document.querySelector(focusSelector);
      if (target) { target.focus(); }
    }
    var count = document.getElementById("results-title");
    live.textContent = count ? count.textContent.trim() : "";
  }

  // Fetch ``url`` and show it; on any failure fall back to opening the page itself.
  function update(url, options) {
    options = options || {};
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var focusSelector = options.focus || locator(document.activeElement);
    return window.fetch(url, { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        pending = null;
        if (options.push && url !== window.location.href) {
          window.history.pushState({ finder: true }, "", url);
        } else if (options.push) {
          window.history.replaceState({ finder: true }, "", url);
        }
        swap(html, focusSelector);
        if (options.after) { options.after(); }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { window.location.assign(url); }
      });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "q") { return; }  // text is applied on Enter or with the button
    update(formUrl(), { push: true });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = formUrl();
    var showResults = function () {
      // On a phone the filters fold away again, and the focus moves to the new count.
      if (panel && !wide.matches) { panel.open = false; }
      var count = document.getElementById("results-title");
      if (count) { count.focus(); }
    };
    update(url, { push: true, focus: null, after: showResults });
  });

  // Links inside the updated parts that lead to another finder state (remove a filter,
  // another page, a suggestion) are followed in place as well.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-finder-part] a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var target = new URL(link.href, window.location.href);
    if (target.hash || target.origin !== window.location.origin ||
        target.pathname !== new URL(form.action, window.location.href).pathname) { return; }
    event.preventDefault();
    update(target.href, { push: true, focus: "#results-title" });
  });

  window.addEventListener("popstate", function () {
    update(window.location.href, { focus: null });
  });
})();
