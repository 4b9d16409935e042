// Progressive enhancement for the finder: apply a filter as soon as it changes.
// Without JavaScript the "Ergebnisse anzeigen" button does the same. After the reload the
// control that was changed gets the focus back, so keyboard users keep their place.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form) { return; }
  var KEY = "finder-focus";
  var hint = form.querySelector("[data-autosubmit-hint]");
  if (hint) { hint.hidden = false; }

  try {
    var saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
    if (saved) {
      var selector = "[name='" + saved.name + "']" + (saved.value ? "[value='" + saved.value + "']" : "");
      var target = form.querySelector(selector);
      if (target) { target.focus(); }
    }
  } catch (error) { /* storage may be disabled; focus then starts at the top */ }

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (control.name === "q") { return; }
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({
        name: control.name,
        value: control.type === "checkbox" ? control.value : ""
      }));
    } catch (error) { /* ignore */ }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
})();
