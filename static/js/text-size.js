// 适老化: the 大字模式 / 标准模式 button (templates/courthall/public/_text_switch.html) flips the class on
// <html> in place and remembers the choice in the ch_text cookie, which the server reads for the first paint
// (courthall.context_processors.text_size). Without this script the button posts the same choice.
(function () {
  "use strict";
  var YEAR = 365 * 24 * 3600;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-text-size]");
    if (!button) return;
    event.preventDefault();
    var large = !document.documentElement.classList.contains("ch-large");
    document.documentElement.classList.toggle("ch-large", large);
    document.cookie = "ch_text=" + (large ? "large; max-age=" + YEAR : "; max-age=0") + "; path=/; SameSite=Lax";
    document.querySelectorAll("[data-text-size]").forEach(function (other) {
      other.textContent = large ? "标准模式" : "大字模式";
    });
    document.querySelectorAll("[data-text-size-value]").forEach(function (input) {
      input.value = large ? "standard" : "large";
    });
  });
})();
