// A printed programme page says when it was printed: the page itself is cached for everyone,
// so the date comes from the reader's browser (dd.mm.yyyy, as the rest of the page writes it).
(function () {
  "use strict";
  function fill() {
    var today = new Date();
    var text = ("0" + today.getDate()).slice(-2) + "." + ("0" + (today.getMonth() + 1)).slice(-2) +
      "." + today.getFullYear();
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = text;
    });
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();
