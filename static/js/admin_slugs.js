// Django's URLify spells "Görlitzer" as "gorlitzer"; the portal writes umlauts and ß the German
// way ("goerlitzer"), like portal.text.german_slugify on the server. Loaded after urlify.js.
"use strict";
(function () {
    const urlify = window.URLify;
    if (!urlify) {
        return;
    }
    const german = {ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "Ae", Ö: "Oe", Ü: "Ue", ẞ: "SS"};
    window.URLify = function (text, maxLength, allowUnicode) {
        const spelt = text.replace(/[äöüßÄÖÜẞ]/g, (letter) => german[letter]).replace(/\//g, " ");
        return urlify(spelt, maxLength, allowUnicode);
    };
})();
